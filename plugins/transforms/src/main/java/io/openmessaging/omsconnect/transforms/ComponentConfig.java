package io.openmessaging.omsconnect.transforms;

import io.openmessaging.KeyValue;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigException;
import io.openmessaging.omsconnect.api.config.ParsedConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the config a component receives in {@code validate} and {@code start} (a {@link KeyValue} of text
 * values, the component's own keys without their prefix) with the component's {@link ConfigDef}.
 */
public final class ComponentConfig {

    private ComponentConfig() {
    }

    /**
     * The config read with {@code definition}.
     *
     * @throws ConfigException naming the first key that is missing or holds a bad value
     */
    public static ParsedConfig parse(ConfigDef definition, KeyValue config) {
        Map<String, String> text = new LinkedHashMap<>();
        if (config != null) {
            for (String key : config.keySet()) {
                text.put(key, config.getString(key));
            }
        }
        return definition.parse(text).orThrow();
    }
}
