package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.data.logical.Date;
import io.openmessaging.connector.api.data.logical.Decimal;
import io.openmessaging.connector.api.data.logical.Time;
import io.openmessaging.connector.api.data.logical.Timestamp;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Kafka's Cast: casts the whole key ({@link Key}) or value ({@link Value}), or some of its fields, to int8,
 * int16, int32, int64, float32, float64, boolean or string. A Date, Time or Timestamp cast to a number becomes
 * its encoded number (days, millis of the day, epoch millis); bytes cast only to string (Base64). A null key
 * or value passes unchanged.
 */
public abstract class Cast extends ConfiguredTransform<Cast.Settings> {
    static final String SPEC = "spec";

    private static final String GROUP = "Cast";
    private static final Set<String> LOGICAL_NAMES =
            Set.of(Date.LOGICAL_NAME, Time.LOGICAL_NAME, Timestamp.LOGICAL_NAME, Decimal.LOGICAL_NAME);

    private final Operand operand;
    private final SchemaCache schemas = new SchemaCache();

    Cast(Operand operand) {
        this.operand = operand;
    }

    record Settings(CastSpec spec, FieldReader reader) {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(SPEC).type(ConfigType.LIST).validator(CastSpec::problemWith)
                        .importance(Importance.HIGH).group(GROUP).width(Width.LONG).displayName("Spec")
                        .documentation("List of fields and the type to cast them to of the form field1:type,field2:type "
                                + "to cast fields of Maps or Structs. A single type to cast the entire value. Valid types "
                                + "are int8, int16, int32, int64, float32, float64, boolean, and string. Note that binary "
                                + "fields can only be cast to string.").build())
                .define(FieldReader.configKey(GROUP));
    }

    @Override
    protected Settings settings(ParsedConfig config) {
        return new Settings(CastSpec.parse(config.getList(SPEC)), FieldReader.from(config));
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Settings settings) {
        Object value = operand.value(record);
        if (value == null) {
            return RecordCopy.of(record);
        }
        Schema schema = operand.schema(record);
        CastType whole = settings.spec().wholeValue();
        if (schema == null) {
            if (whole != null) {
                return operand.with(record, null, cast(null, value, whole, "the whole value"));
            }
            Map<String, Object> updated = new LinkedHashMap<>(ValueShape.map(value, name()));
            settings.spec().fields().forEach((field, type) -> {
                if (updated.containsKey(field)) {
                    updated.put(field, cast(null, updated.get(field), type, "field \"" + field + "\""));
                }
            });
            return operand.with(record, null, updated);
        }
        if (whole != null) {
            Schema updatedSchema = schemas.get(schema, s -> castSchema(s, whole, "the whole value"));
            return operand.with(record, updatedSchema, cast(schema, value, whole, "the whole value"));
        }
        Struct struct = ValueShape.struct(value, schema, name());
        Schema updatedSchema = schemas.get(struct.schema(), s -> castFields(s, settings.spec()));
        Struct updated = new Struct(updatedSchema);
        for (Field field : struct.schema().getFields()) {
            Object fieldValue = settings.reader().get(struct, field);
            CastType type = settings.spec().fields().get(field.getName());
            updated.put(field.getName(), type == null ? fieldValue
                    : cast(field.getSchema(), fieldValue, type, "field \"" + field.getName() + "\""));
        }
        return operand.with(record, updatedSchema, updated);
    }

    private Schema castFields(Schema schema, CastSpec spec) {
        SchemaBuilder builder = SchemaCopy.struct(schema);
        for (Field field : schema.getFields()) {
            CastType type = spec.fields().get(field.getName());
            builder.field(field.getName(), type == null ? field.getSchema()
                    : castSchema(field.getSchema(), type, "field \"" + field.getName() + "\""));
        }
        return builder.build();
    }

    /** The schema of a value of {@code source} cast to {@code type}: its optionality and its default, cast. */
    private Schema castSchema(Schema source, CastType type, String what) {
        if (!CastType.castsFrom(source)) {
            throw new TransformFailure(name(), what + ": cannot cast from " + source.getFieldType()
                    + " (only from numbers, booleans, strings and bytes)");
        }
        SchemaBuilder builder = type.schema();
        if (source.getName() != null && !LOGICAL_NAMES.contains(source.getName())) {
            // Kafka keeps the basics of a cast schema; a logical type's name would make the new value invalid
            SchemaCopy.basics(source, builder);
        }
        SchemaCopy.optionality(source.isOptional(), builder);
        if (source.getDefaultValue() != null) {
            builder.defaultValue(cast(source, source.getDefaultValue(), type, what + "'s default"));
        }
        return builder.build();
    }

    private Object cast(Schema schema, Object value, CastType type, String what) {
        if (schema == null && value != null && !CastType.castsFrom(value)) {
            throw new TransformFailure(name(), what + ": cannot cast a " + value.getClass().getName()
                    + " (only numbers, booleans, strings and bytes)");
        }
        try {
            return type.cast(type == CastType.STRING ? value : LogicalEncoding.encode(schema, value), schema);
        } catch (IllegalArgumentException e) {
            throw new TransformFailure(name(), what + ": " + e.getMessage(), e);
        }
    }

    /** Casts the key or fields of it. */
    @Aliases("org.apache.kafka.connect.transforms.Cast$Key")
    public static final class Key extends Cast {
        public Key() {
            super(Operand.KEY);
        }
    }

    /** Casts the value or fields of it. */
    @Aliases("org.apache.kafka.connect.transforms.Cast$Value")
    public static final class Value extends Cast {
        public Value() {
            super(Operand.VALUE);
        }
    }
}
