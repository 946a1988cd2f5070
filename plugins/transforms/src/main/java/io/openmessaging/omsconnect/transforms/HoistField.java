package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka's HoistField: wraps the key ({@link Key}) or value ({@link Value}) in a single field, of a map when
 * it is schemaless, of a required struct otherwise. A null is wrapped too.
 */
public abstract class HoistField extends ConfiguredTransform<String> {
    static final String FIELD = "field";

    private final Operand operand;
    private final SchemaCache schemas = new SchemaCache();

    HoistField(Operand operand) {
        this.operand = operand;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(FIELD).importance(Importance.MEDIUM).group("Field").width(Width.MEDIUM)
                        .displayName("Field")
                        .documentation("Field name for the single field that will be created in the resulting Struct or Map.")
                        .build());
    }

    /** The settings are the field's name. */
    @Override
    protected String settings(ParsedConfig config) {
        return config.getString(FIELD);
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, String field) {
        Object value = operand.value(record);
        Schema schema = operand.schema(record);
        if (schema == null) {
            Map<String, Object> hoisted = new LinkedHashMap<>();
            hoisted.put(field, value);
            return operand.with(record, null, hoisted);
        }
        Schema hoistedSchema = schemas.get(schema, s -> SchemaBuilder.struct().required().field(field, s).build());
        return operand.with(record, hoistedSchema, new Struct(hoistedSchema).put(field, value));
    }

    /** Wraps the key in a field. */
    @Aliases("org.apache.kafka.connect.transforms.HoistField$Key")
    public static final class Key extends HoistField {
        public Key() {
            super(Operand.KEY);
        }
    }

    /** Wraps the value in a field. */
    @Aliases("org.apache.kafka.connect.transforms.HoistField$Value")
    public static final class Value extends HoistField {
        public Value() {
            super(Operand.VALUE);
        }
    }
}
