package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.FieldType;
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
 * Kafka's Flatten: flattens the nested structs (or maps, when schemaless) of the key ({@link Key}) or value
 * ({@link Value}) into one level, each field named by the names on its path joined with {@code delimiter}
 * ({@code address.city}). Arrays and their contents stay as they are; a map inside a struct is refused. A
 * flattened field is optional when any struct on its path is, and takes its default from the nearest one
 * that has one. A null key or value passes unchanged.
 */
public abstract class Flatten extends ConfiguredTransform<String> {
    static final String DELIMITER = "delimiter";

    private final Operand operand;
    private final SchemaCache schemas = new SchemaCache();

    Flatten(Operand operand) {
        this.operand = operand;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(DELIMITER).defaultValue(".").importance(Importance.MEDIUM).group("Naming")
                        .width(Width.SHORT).displayName("Delimiter")
                        .documentation("Delimiter to insert between field names from the input record when generating "
                                + "field names for the output record").build());
    }

    /** The settings are the delimiter. */
    @Override
    protected String settings(ParsedConfig config) {
        return config.getString(DELIMITER);
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, String delimiter) {
        Object value = operand.value(record);
        if (value == null) {
            return RecordCopy.of(record);
        }
        Schema schema = operand.schema(record);
        if (schema == null) {
            Map<String, Object> flat = new LinkedHashMap<>();
            flatten(ValueShape.map(value, name()), "", flat, delimiter);
            return operand.with(record, null, flat);
        }
        Struct struct = ValueShape.struct(value, schema, name());
        Schema flatSchema = schemas.get(struct.schema(), s -> {
            SchemaBuilder builder = SchemaCopy.struct(s);
            addFields(s, "", builder, s.isOptional(), s.getDefaultValue() instanceof Struct d ? d : null, delimiter);
            return builder.build();
        });
        Struct flat = new Struct(flatSchema);
        flatten(struct, "", flat, delimiter);
        return operand.with(record, flatSchema, flat);
    }

    @SuppressWarnings("unchecked")
    private void flatten(Map<String, Object> map, String prefix, Map<String, Object> flat, String delimiter) {
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            String name = joined(prefix, String.valueOf(entry.getKey()), delimiter);
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                flatten((Map<String, Object>) nested, name, flat, delimiter);
            } else if (value instanceof Struct) {
                throw new TransformFailure(name(), "field \"" + name + "\": a Struct in a schemaless value cannot be flattened");
            } else {
                flat.put(name, value);
            }
        }
    }

    private void addFields(Schema schema, String prefix, SchemaBuilder flat, boolean optional, Struct defaults,
                           String delimiter) {
        for (Field field : schema.getFields()) {
            String name = joined(prefix, field.getName(), delimiter);
            Schema fieldSchema = field.getSchema();
            boolean fieldOptional = optional || fieldSchema.isOptional();
            Object fieldDefault = fieldSchema.getDefaultValue() != null ? fieldSchema.getDefaultValue()
                    : defaults == null ? null : defaults.get(field);
            if (fieldSchema.getFieldType() == FieldType.STRUCT) {
                addFields(fieldSchema, name, flat, fieldOptional, (Struct) fieldDefault, delimiter);
            } else if (fieldSchema.getFieldType() == FieldType.MAP) {
                throw new TransformFailure(name(), "field \"" + name + "\": a MAP with a schema cannot be flattened");
            } else {
                flat.field(name, SchemaCopy.of(fieldSchema, fieldOptional, fieldDefault).build());
            }
        }
    }

    private void flatten(Struct struct, String prefix, Struct flat, String delimiter) {
        for (Field field : struct.schema().getFields()) {
            String name = joined(prefix, field.getName(), delimiter);
            if (field.getSchema().getFieldType() == FieldType.STRUCT) {
                Struct nested = (Struct) struct.get(field);
                if (nested != null) {
                    flatten(nested, name, flat, delimiter);
                }
            } else {
                flat.put(name, struct.get(field));
            }
        }
    }

    private static String joined(String prefix, String name, String delimiter) {
        return prefix.isEmpty() ? name : prefix + delimiter + name;
    }

    /** Flattens the key. */
    @Aliases("org.apache.kafka.connect.transforms.Flatten$Key")
    public static final class Key extends Flatten {
        public Key() {
            super(Operand.KEY);
        }
    }

    /** Flattens the value. */
    @Aliases("org.apache.kafka.connect.transforms.Flatten$Value")
    public static final class Value extends Flatten {
        public Value() {
            super(Operand.VALUE);
        }
    }
}
