package io.openmessaging.omsconnect.store;

import com.alibaba.fastjson2.JSON;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Source positions (Kafka's source offsets): per connector, the last committed {@link RecordOffset} of
 * each {@link RecordPartition}. One file per connector under {@code positions/}, replaced atomically on
 * each flush, so a crash leaves the previous flush intact.
 */
public final class FileOffsetStore implements OffsetStore {
    private final Path dir;
    private final Map<String, Map<RecordPartition, RecordOffset>> byConnector = new ConcurrentHashMap<>();

    public FileOffsetStore(Path storeRoot) {
        this.dir = storeRoot.resolve("positions");
    }

    @Override
    public Map<RecordPartition, RecordOffset> positions(String connector) {
        return Map.copyOf(loaded(connector));
    }

    @Override
    public RecordOffset position(String connector, RecordPartition partition) {
        return loaded(connector).get(partition);
    }

    /** One worker owns this store (see StoreLock): every writer is current, none is fenced. */
    @Override
    public synchronized void commit(String connector, ConnectorTaskId writer, Map<RecordPartition, RecordOffset> updates) {
        if (updates.isEmpty()) {
            return;
        }
        write(connector, OffsetStore.merged(loaded(connector), updates));
    }

    @Override
    public synchronized void delete(String connector) {
        try {
            file(connector).delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byConnector.remove(connector);
    }

    private void write(String connector, Map<RecordPartition, RecordOffset> next) {
        try {
            file(connector).write(JSON.toJSONString(PositionValues.toJson(next)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write positions of " + connector, e);
        }
        byConnector.put(connector, next);
    }

    private Map<RecordPartition, RecordOffset> loaded(String connector) {
        return byConnector.computeIfAbsent(connector, this::read);
    }

    private Map<RecordPartition, RecordOffset> read(String connector) {
        try {
            byte[] bytes = file(connector).read();
            if (bytes == null) {
                return new LinkedHashMap<>();
            }
            return PositionValues.fromJson(JSON.parseArray(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read positions of " + connector, e);
        }
    }

    private AtomicFile file(String connector) {
        // connector names are validated (no '/', no '..') before they get here; encode anyway
        String safe = connector.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + Integer.toHexString(connector.hashCode());
        return new AtomicFile(dir.resolve(safe + ".json"));
    }
}
