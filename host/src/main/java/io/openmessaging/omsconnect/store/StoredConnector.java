package io.openmessaging.omsconnect.store;

import com.alibaba.fastjson2.JSONObject;
import com.alibaba.fastjson2.TypeReference;

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

    /** {@code {"name", "config", "targetState", "taskConfigs"}}: how stores keep it (file, cluster snapshot). */
    public JSONObject toJson() {
        JSONObject o = new JSONObject();
        o.put("name", name);
        o.put("config", config);
        o.put("targetState", targetState.name());
        o.put("taskConfigs", taskConfigs);
        return o;
    }

    public static StoredConnector fromJson(JSONObject o) {
        Map<String, String> config = o.getObject("config", new TypeReference<LinkedHashMap<String, String>>() {
        });
        List<Map<String, String>> tasks = o.getObject("taskConfigs", new TypeReference<List<Map<String, String>>>() {
        });
        return new StoredConnector(o.getString("name"), config, TargetState.valueOf(o.getString("targetState")),
                tasks == null ? List.of() : tasks);
    }
}
