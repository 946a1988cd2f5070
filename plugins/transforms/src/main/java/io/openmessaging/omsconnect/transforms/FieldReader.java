package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;

/**
 * How a transform reads a struct's field that holds null while its schema has a default: Kafka's
 * {@value #CONFIG} (true: the default, false: null).
 */
final class FieldReader {
    static final String CONFIG = "replace.null.with.default";

    private final boolean replaceNullWithDefault;

    private FieldReader(boolean replaceNullWithDefault) {
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    static ConfigKey configKey(String group) {
        return ConfigKey.builder(CONFIG).type(ConfigType.BOOLEAN).defaultValue(true).importance(Importance.MEDIUM)
                .group(group).displayName("Replace null with default")
                .documentation("Whether to replace fields that have a default value and that are null to the default value. "
                        + "When set to true, the default value is used, otherwise null is used.")
                .build();
    }

    static FieldReader from(ParsedConfig config) {
        return new FieldReader(config.getBoolean(CONFIG));
    }

    Object get(Struct struct, Field field) {
        return replaceNullWithDefault ? struct.get(field) : struct.getWithoutDefault(field.getName());
    }
}
