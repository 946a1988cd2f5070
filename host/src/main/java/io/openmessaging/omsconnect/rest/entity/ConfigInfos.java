package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;
import io.openmessaging.omsconnect.api.config.ConfigKey;

import java.util.List;

/** Kafka Connect's validation answer: one entry per config key, with its errors. */
public record ConfigInfos(String name, @JSONField(name = "error_count") int errorCount, List<String> groups,
                          List<ConfigInfo> configs) {

    public record ConfigInfo(ConfigKeyInfo definition, ConfigValueInfo value) {
    }

    /** A key's definition as Kafka Connect shows it (also {@code GET /connector-plugins/{plugin}/config}). */
    public record ConfigKeyInfo(String name, String type, boolean required,
                                @JSONField(name = "default_value") String defaultValue, String importance,
                                String documentation, String group,
                                @JSONField(name = "order_in_group") int orderInGroup, String width,
                                @JSONField(name = "display_name") String displayName, List<String> dependents) {

        /** The definition of {@code key}, shown under {@code name} (the spelling the caller used). */
        public static ConfigKeyInfo of(ConfigKey key, String name) {
            return new ConfigKeyInfo(name, key.type().name(), key.required(), key.defaultText(), key.importance().name(),
                    key.documentation(), key.group(), key.orderInGroup(), key.width().name(), key.displayName(), key.dependents());
        }

        /** A key no definition declares (a connector's key its validation complained about). */
        public static ConfigKeyInfo undeclared(String name) {
            return new ConfigKeyInfo(name, "STRING", false, null, "LOW", "", null, -1, "NONE", name, List.of());
        }
    }

    public record ConfigValueInfo(String name, String value,
                                  @JSONField(name = "recommended_values") List<String> recommendedValues,
                                  List<String> errors, boolean visible) {
    }
}
