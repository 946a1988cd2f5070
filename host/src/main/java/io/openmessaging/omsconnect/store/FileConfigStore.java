package io.openmessaging.omsconnect.store;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Connector configs, their target states and their tasks' configs: one JSON file, {@code connectors.json}
 * under the store root, rewritten atomically on every change (changes are rare; reads are from memory).
 */
public final class FileConfigStore implements ConfigStore {
    private final AtomicFile file;
    private final Map<String, StoredConnector> connectors = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public FileConfigStore(Path storeRoot) {
        this.file = new AtomicFile(storeRoot.resolve("connectors.json"));
        load();
    }

    @Override
    public synchronized List<StoredConnector> all() {
        return List.copyOf(connectors.values());
    }

    @Override
    public synchronized Optional<StoredConnector> get(String name) {
        return Optional.ofNullable(connectors.get(name));
    }

    @Override
    public void put(StoredConnector connector) {
        synchronized (this) {
            Map<String, StoredConnector> next = new LinkedHashMap<>(connectors);
            next.put(connector.name(), connector);
            persist(next);
        }
        listeners.forEach(l -> l.connectorChanged(connector.name()));
    }

    @Override
    public void remove(String name) {
        synchronized (this) {
            if (!connectors.containsKey(name)) {
                return;
            }
            Map<String, StoredConnector> next = new LinkedHashMap<>(connectors);
            next.remove(name);
            persist(next);
        }
        listeners.forEach(l -> l.connectorChanged(name));
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private void persist(Map<String, StoredConnector> next) {
        JSONObject root = new JSONObject();
        List<Object> list = new ArrayList<>();
        for (StoredConnector c : next.values()) {
            list.add(c.toJson());
        }
        root.put("version", 1);
        root.put("connectors", list);
        try {
            file.write(JSON.toJSONString(root).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.path(), e);
        }
        // memory follows the disk only once the disk has it: a failed write changes nothing
        connectors.clear();
        connectors.putAll(next);
    }

    private void load() {
        byte[] bytes;
        try {
            bytes = file.read();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
        if (bytes == null) {
            return;
        }
        JSONObject root = JSON.parseObject(new String(bytes, StandardCharsets.UTF_8));
        for (Object item : root.getJSONArray("connectors")) {
            StoredConnector c = StoredConnector.fromJson((JSONObject) item);
            connectors.put(c.name(), c);
        }
    }
}
