package io.openmessaging.omsconnect.store;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import com.alibaba.fastjson2.TypeReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connector configs, their target states and their tasks' configs: one JSON file, {@code connectors.json}
 * under the store root, rewritten atomically on every change (changes are rare; reads are from memory).
 */
public final class ConnectorConfigStore {
    private final AtomicFile file;
    private final Map<String, StoredConnector> connectors = new LinkedHashMap<>();

    public ConnectorConfigStore(Path storeRoot) {
        this.file = new AtomicFile(storeRoot.resolve("connectors.json"));
        load();
    }

    public synchronized List<StoredConnector> all() {
        return List.copyOf(connectors.values());
    }

    public synchronized Optional<StoredConnector> get(String name) {
        return Optional.ofNullable(connectors.get(name));
    }

    public synchronized void put(StoredConnector connector) {
        Map<String, StoredConnector> next = new LinkedHashMap<>(connectors);
        next.put(connector.name(), connector);
        persist(next);
    }

    public synchronized void remove(String name) {
        if (!connectors.containsKey(name)) {
            return;
        }
        Map<String, StoredConnector> next = new LinkedHashMap<>(connectors);
        next.remove(name);
        persist(next);
    }

    private void persist(Map<String, StoredConnector> next) {
        JSONObject root = new JSONObject();
        List<Object> list = new ArrayList<>();
        for (StoredConnector c : next.values()) {
            JSONObject o = new JSONObject();
            o.put("name", c.name());
            o.put("config", c.config());
            o.put("targetState", c.targetState().name());
            o.put("taskConfigs", c.taskConfigs());
            list.add(o);
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
            JSONObject o = (JSONObject) item;
            Map<String, String> config = o.getObject("config", new TypeReference<LinkedHashMap<String, String>>() {
            });
            List<Map<String, String>> tasks = o.getObject("taskConfigs",
                    new TypeReference<List<Map<String, String>>>() {
                    });
            StoredConnector c = new StoredConnector(o.getString("name"), config,
                    TargetState.valueOf(o.getString("targetState")), tasks == null ? List.of() : tasks);
            connectors.put(c.name(), c);
        }
    }

    /** What the user asked a connector to be; the runtime status may differ (e.g. FAILED). */
    public enum TargetState { STARTED, PAUSED, STOPPED }

    /** One connector as stored. */
    public record StoredConnector(String name, Map<String, String> config, TargetState targetState,
                                  List<Map<String, String>> taskConfigs) {
        public StoredConnector {
            config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
            taskConfigs = List.copyOf(taskConfigs.stream().map(m -> Map.copyOf(m)).toList());
        }

        public StoredConnector withTargetState(TargetState state) {
            return new StoredConnector(name, config, state, taskConfigs);
        }

        public StoredConnector withTaskConfigs(List<Map<String, String>> tasks) {
            return new StoredConnector(name, config, targetState, tasks);
        }
    }
}
