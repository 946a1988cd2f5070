package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigException;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka's TimestampConverter: converts a timestamp, the whole key ({@link Key}) or value ({@link Value}) or
 * one field of it, between a formatted string, a Unix number and the Connect Date, Time and Timestamp types,
 * at UTC. A schemaless value's type is told by its class (Date: Timestamp, Long: unix, String: string).
 */
public abstract class TimestampConverter extends ConfiguredTransform<TimestampConverter.Settings> {
    static final String FIELD = "field";
    static final String TARGET_TYPE = "target.type";
    static final String FORMAT = "format";
    static final String UNIX_PRECISION = "unix.precision";

    private static final String GROUP = "Conversion";

    private final Operand operand;
    private final SchemaCache schemas = new SchemaCache();

    TimestampConverter(Operand operand) {
        this.operand = operand;
    }

    /**
     * @param field the field holding the timestamp; empty when the whole key or value is one
     */
    record Settings(String field, TimestampType target, TimestampType.Format format, FieldReader reader) {

        Object convert(Object value, TimestampType from) {
            return value == null ? null : target.fromInstant(from.toInstant(value, format), format);
        }

        Schema targetSchema(boolean optional) {
            return SchemaCopy.optionality(optional, target.schema()).build();
        }
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(FIELD).defaultValue("").importance(Importance.HIGH).group(GROUP)
                        .width(Width.MEDIUM).displayName("Field")
                        .documentation("The field containing the timestamp, or empty if the entire value is a timestamp").build())
                .define(ConfigKey.builder(TARGET_TYPE).validator(OneOf.of(TimestampType.configNames()))
                        .importance(Importance.HIGH).group(GROUP).width(Width.SHORT).displayName("Target type")
                        .dependents(FORMAT, UNIX_PRECISION)
                        .documentation("The desired timestamp representation: string, unix, Date, Time, or Timestamp").build())
                .define(ConfigKey.builder(FORMAT).defaultValue("").validator(DatePattern.INSTANCE)
                        .importance(Importance.MEDIUM).group(GROUP).width(Width.MEDIUM).displayName("Format")
                        .documentation("A SimpleDateFormat-compatible format for the timestamp. Used to generate the output "
                                + "when type=string or used to parse the input if the input is a string.").build())
                .define(ConfigKey.builder(UNIX_PRECISION).defaultValue("milliseconds")
                        .validator(OneOf.of(UnixPrecision.configNames())).importance(Importance.LOW).group(GROUP)
                        .width(Width.SHORT).displayName("Unix precision")
                        .documentation("The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, "
                                + "or nanoseconds. Used to generate the output when type=unix or used to parse the input if "
                                + "the input is a Long. Note: This SMT will cause precision loss during conversions from, "
                                + "and to, values with sub-millisecond components.").build())
                .define(FieldReader.configKey(GROUP));
    }

    @Override
    protected Settings settings(ParsedConfig config) {
        TimestampType target = TimestampType.named(config.getString(TARGET_TYPE));
        String pattern = config.getString(FORMAT);
        if (target == TimestampType.STRING && pattern.isEmpty()) {
            throw new ConfigException(FORMAT,
                    "TimestampConverter requires format option to be specified when using string timestamps");
        }
        return new Settings(config.getString(FIELD), target,
                new TimestampType.Format(pattern, UnixPrecision.named(config.getString(UNIX_PRECISION))),
                FieldReader.from(config));
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Settings settings) {
        Object value = operand.value(record);
        Schema schema = operand.schema(record);
        boolean wholeValue = settings.field().isEmpty();
        if (schema == null) {
            if (value == null || wholeValue) {
                return operand.with(record, null, convert(settings, value, null, "the whole value"));
            }
            Map<String, Object> updated = new LinkedHashMap<>(ValueShape.map(value, name()));
            if (updated.containsKey(settings.field())) {
                updated.put(settings.field(), convert(settings, updated.get(settings.field()), null, fieldLabel(settings)));
            }
            return operand.with(record, null, updated);
        }
        if (wholeValue) {
            return operand.with(record, settings.targetSchema(schema.isOptional()),
                    convert(settings, value, schema, "the whole value"));
        }
        if (!SchemaCopy.isStruct(schema)) {
            throw new TransformFailure(name(), "works on STRUCT schemas when field is set, found " + schema.getFieldType());
        }
        Schema updatedSchema = schemas.get(schema, s -> converted(s, settings));
        Struct struct = value == null ? null : ValueShape.struct(value, schema, name());
        return operand.with(record, updatedSchema, struct == null ? null : converted(struct, updatedSchema, settings));
    }

    private Schema converted(Schema schema, Settings settings) {
        SchemaBuilder builder = SchemaCopy.struct(schema);
        for (Field field : schema.getFields()) {
            builder.field(field.getName(), field.getName().equals(settings.field())
                    ? settings.targetSchema(field.getSchema().isOptional()) : field.getSchema());
        }
        if (schema.getDefaultValue() instanceof Struct defaultValue) {
            builder.defaultValue(converted(defaultValue, builder.build(), settings));
        }
        return builder.build();
    }

    private Struct converted(Struct struct, Schema updatedSchema, Settings settings) {
        Struct updated = new Struct(updatedSchema);
        for (Field field : struct.schema().getFields()) {
            Object fieldValue = settings.reader().get(struct, field);
            updated.put(field.getName(), field.getName().equals(settings.field())
                    ? convert(settings, fieldValue, field.getSchema(), fieldLabel(settings)) : fieldValue);
        }
        return updated;
    }

    /** The value converted; its type is told by {@code schema}, or by its class when schema is null. */
    private Object convert(Settings settings, Object value, Schema schema, String what) {
        if (value == null) {
            return null;
        }
        try {
            return settings.convert(value, schema == null ? TimestampType.of(value) : TimestampType.of(schema));
        } catch (IllegalArgumentException e) {
            throw new TransformFailure(name(), what + ": " + e.getMessage(), e);
        }
    }

    private static String fieldLabel(Settings settings) {
        return "field \"" + settings.field() + "\"";
    }

    /** Converts a timestamp in the key. */
    @Aliases("org.apache.kafka.connect.transforms.TimestampConverter$Key")
    public static final class Key extends TimestampConverter {
        public Key() {
            super(Operand.KEY);
        }
    }

    /** Converts a timestamp in the value. */
    @Aliases("org.apache.kafka.connect.transforms.TimestampConverter$Value")
    public static final class Value extends TimestampConverter {
        public Value() {
            super(Operand.VALUE);
        }
    }
}
