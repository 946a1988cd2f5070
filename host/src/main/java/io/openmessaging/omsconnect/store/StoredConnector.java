package io.openmessaging.omsconnect.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One connector as stored: its config, what the user asked it to be, and its tasks' configs. */
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
