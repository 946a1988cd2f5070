package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

/**
 * Kafka's ExtractField: replaces the key ({@link Key}) or value ({@link Value}) with one of its fields, and
 * its schema with the field's. A null key or value stays null (with the field's schema when there is one).
 */
public abstract class ExtractField extends ConfiguredTransform<ExtractField.Settings> {
    static final String FIELD = "field";

    private static final String GROUP = "Field";

    private final Operand operand;

    ExtractField(Operand operand) {
        this.operand = operand;
    }

    record Settings(String field, FieldReader reader) {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(FIELD).importance(Importance.MEDIUM).group(GROUP).width(Width.MEDIUM)
                        .displayName("Field").documentation("Field name to extract.").build())
                .define(FieldReader.configKey(GROUP));
    }

    @Override
    protected Settings settings(ParsedConfig config) {
        return new Settings(config.getString(FIELD), FieldReader.from(config));
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Settings settings) {
        Object value = operand.value(record);
        Schema schema = operand.schema(record);
        if (schema == null) {
            return operand.with(record, null, value == null ? null : ValueShape.map(value, name()).get(settings.field()));
        }
        if (!SchemaCopy.isStruct(schema)) {
            throw new TransformFailure(name(), "works on STRUCT schemas, found " + schema.getFieldType());
        }
        Field field = schema.getField(settings.field());
        if (field == null) {
            throw new TransformFailure(name(), "the schema has no field \"" + settings.field() + "\"");
        }
        if (value == null) {
            return operand.with(record, field.getSchema(), null);
        }
        Struct struct = ValueShape.struct(value, schema, name());
        return operand.with(record, field.getSchema(), settings.reader().get(struct, field));
    }

    /** Replaces the key with one of its fields. */
    @Aliases("org.apache.kafka.connect.transforms.ExtractField$Key")
    public static final class Key extends ExtractField {
        public Key() {
            super(Operand.KEY);
        }
    }

    /** Replaces the value with one of its fields. */
    @Aliases("org.apache.kafka.connect.transforms.ExtractField$Value")
    public static final class Value extends ExtractField {
        public Value() {
            super(Operand.VALUE);
        }
    }
}
