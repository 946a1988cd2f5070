package io.openmessaging.omsconnect.store;

import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link OffsetStore} that keeps nothing across restarts: for unit tests. */
public final class MemoryOffsetStore implements OffsetStore {
    private final Map<String, Map<RecordPartition, RecordOffset>> byConnector = new ConcurrentHashMap<>();

    @Override
    public Map<RecordPartition, RecordOffset> positions(String connector) {
        return Map.copyOf(byConnector.getOrDefault(connector, Map.of()));
    }

    @Override
    public RecordOffset position(String connector, RecordPartition partition) {
        return byConnector.getOrDefault(connector, Map.of()).get(partition);
    }

    @Override
    public synchronized void commit(String connector, ConnectorTaskId writer, Map<RecordPartition, RecordOffset> updates) {
        byConnector.put(connector, OffsetStore.merged(byConnector.getOrDefault(connector, Map.of()), updates));
    }

    @Override
    public void delete(String connector) {
        byConnector.remove(connector);
    }
}
