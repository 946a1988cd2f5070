package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

import java.util.List;

/** Kafka Connect's validation answer: one entry per config key, with its errors. */
public record ConfigInfos(String name, @JSONField(name = "error_count") int errorCount, List<String> groups,
                          List<ConfigInfo> configs) {

    public record ConfigInfo(ConfigKeyInfo definition, ConfigValueInfo value) {
    }

    public record ConfigKeyInfo(String name, String type, boolean required,
                                @JSONField(name = "default_value") String defaultValue, String importance,
                                String documentation, String group) {
    }

    public record ConfigValueInfo(String name, String value,
                                  @JSONField(name = "recommended_values") List<String> recommendedValues,
                                  List<String> errors, boolean visible) {
    }
}
