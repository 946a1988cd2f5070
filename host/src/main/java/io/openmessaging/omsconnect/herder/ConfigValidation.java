package io.openmessaging.omsconnect.herder;

import io.openmessaging.omsconnect.config.Secrets;
import io.openmessaging.omsconnect.rest.entity.ConfigInfos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects per-key results of validating a connector config into Kafka Connect's {@link ConfigInfos}. */
final class ConfigValidation {
    private final String name;
    private final Map<String, ConfigInfos.ConfigValueInfo> values = new LinkedHashMap<>();

    ConfigValidation(String name) {
        this.name = name;
    }

    void ok(String key, String value) {
        values.putIfAbsent(key, new ConfigInfos.ConfigValueInfo(key, shown(key, value), List.of(), new ArrayList<>(), true));
    }

    void error(String key, String value, String message) {
        ConfigInfos.ConfigValueInfo existing = values.get(key);
        if (existing == null) {
            existing = new ConfigInfos.ConfigValueInfo(key, shown(key, value), List.of(), new ArrayList<>(), true);
            values.put(key, existing);
        }
        existing.errors().add(message);
    }

    int errorCount() {
        return values.values().stream().mapToInt(v -> v.errors().size()).sum();
    }

    ConfigInfos result() {
        List<ConfigInfos.ConfigInfo> infos = new ArrayList<>();
        for (ConfigInfos.ConfigValueInfo v : values.values()) {
            ConfigInfos.ConfigKeyInfo def = new ConfigInfos.ConfigKeyInfo(v.name(), "STRING",
                    KEYS_REQUIRED.contains(v.name()), null, "HIGH", null, "Common");
            infos.add(new ConfigInfos.ConfigInfo(def, new ConfigInfos.ConfigValueInfo(v.name(), v.value(),
                    v.recommendedValues(), List.copyOf(v.errors()), v.visible())));
        }
        return new ConfigInfos(name, errorCount(), List.of("Common"), infos);
    }

    private static final List<String> KEYS_REQUIRED = List.of("connector-class");

    private static String shown(String key, String value) {
        return value != null && Secrets.isSecret(key) ? Secrets.MASK : value;
    }
}
