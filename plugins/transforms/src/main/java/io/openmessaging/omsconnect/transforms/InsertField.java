package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.data.logical.Timestamp;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.RecordTopic;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigException;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka's InsertField: inserts the record's topic, partition, offset and timestamp, and a static value, as
 * fields of the key ({@link Key}) or value ({@link Value}). A field name ending in {@code !} makes a required
 * field, {@code ?} (or nothing) an optional one. The partition is the text of the record's partition map, the
 * offset the one number its offset map holds (a long field) or else the map's text (a string field); see
 * {@link PositionFields}. A null key or value passes unchanged.
 */
public abstract class InsertField extends ConfiguredTransform<InsertField.Settings> {
    static final String TOPIC_FIELD = "topic.field";
    static final String PARTITION_FIELD = "partition.field";
    static final String OFFSET_FIELD = "offset.field";
    static final String TIMESTAMP_FIELD = "timestamp.field";
    static final String STATIC_FIELD = "static.field";
    static final String STATIC_VALUE = "static.value";

    private static final String GROUP = "Inserted fields";
    private static final String OPTIONALITY_DOC =
            " Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).";

    private final Operand operand;
    // the offset field's type follows the records' offsets: one cache per type
    private final SchemaCache withNumericOffset = new SchemaCache();
    private final SchemaCache withTextOffset = new SchemaCache();

    InsertField(Operand operand) {
        this.operand = operand;
    }

    /** A field to insert: its name and whether it is optional. */
    record Insertion(String name, boolean optional) {

        /** The spec as configured ({@code name}, {@code name?} or {@code name!}); null when not configured. */
        static Insertion parse(String key, String spec) {
            if (spec == null) {
                return null;
            }
            boolean required = spec.endsWith("!");
            String name = spec.endsWith("!") || spec.endsWith("?") ? spec.substring(0, spec.length() - 1) : spec;
            if (name.isBlank()) {
                throw new ConfigException(key, "Invalid value " + spec + " for configuration " + key + ": names no field");
            }
            return new Insertion(name, !required);
        }

        SchemaBuilder optionality(SchemaBuilder builder) {
            return SchemaCopy.optionality(optional, builder);
        }
    }

    record Settings(Insertion topic, Insertion partition, Insertion offset, Insertion timestamp,
                    Insertion staticField, String staticValue, FieldReader reader) {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(field(TOPIC_FIELD, "Topic field", "Field name for Kafka topic."))
                .define(field(PARTITION_FIELD, "Partition field", "Field name for Kafka partition."))
                .define(field(OFFSET_FIELD, "Offset field", "Field name for Kafka offset - only applicable to sink connectors.<br/>"))
                .define(field(TIMESTAMP_FIELD, "Timestamp field", "Field name for record timestamp."))
                .define(ConfigKey.builder(STATIC_FIELD).defaultValue(null).importance(Importance.MEDIUM).group(GROUP)
                        .width(Width.MEDIUM).displayName("Static field").dependents(STATIC_VALUE)
                        .documentation("Field name for static data field." + OPTIONALITY_DOC).build())
                .define(ConfigKey.builder(STATIC_VALUE).defaultValue(null).importance(Importance.MEDIUM).group(GROUP)
                        .width(Width.MEDIUM).displayName("Static value")
                        .documentation("Static field value, if field name configured.").build())
                .define(FieldReader.configKey(GROUP));
    }

    private static ConfigKey field(String name, String displayName, String doc) {
        return ConfigKey.builder(name).defaultValue(null).importance(Importance.MEDIUM).group(GROUP).width(Width.MEDIUM)
                .displayName(displayName).documentation(doc + OPTIONALITY_DOC).build();
    }

    @Override
    protected Settings settings(ParsedConfig config) {
        Settings settings = new Settings(
                Insertion.parse(config.spelling(TOPIC_FIELD), config.getString(TOPIC_FIELD)),
                Insertion.parse(config.spelling(PARTITION_FIELD), config.getString(PARTITION_FIELD)),
                Insertion.parse(config.spelling(OFFSET_FIELD), config.getString(OFFSET_FIELD)),
                Insertion.parse(config.spelling(TIMESTAMP_FIELD), config.getString(TIMESTAMP_FIELD)),
                Insertion.parse(config.spelling(STATIC_FIELD), config.getString(STATIC_FIELD)),
                config.getString(STATIC_VALUE),
                FieldReader.from(config));
        if (settings.topic() == null && settings.partition() == null && settings.offset() == null
                && settings.timestamp() == null && settings.staticField() == null) {
            throw new ConfigException(TOPIC_FIELD, "No field insertion configured: set at least one of "
                    + String.join(", ", TOPIC_FIELD, PARTITION_FIELD, OFFSET_FIELD, TIMESTAMP_FIELD, STATIC_FIELD));
        }
        if (settings.staticField() != null && settings.staticValue() == null) {
            throw new ConfigException(STATIC_VALUE, "No value specified for static field: " + settings.staticField().name());
        }
        return settings;
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Settings settings) {
        Object value = operand.value(record);
        if (value == null) {
            return RecordCopy.of(record);
        }
        Schema schema = operand.schema(record);
        if (schema == null) {
            Map<String, Object> updated = new LinkedHashMap<>(ValueShape.map(value, name()));
            insertions(record, settings, false).forEach(updated::put);
            return operand.with(record, null, updated);
        }
        Struct struct = ValueShape.struct(value, schema, name());
        boolean numericOffset = PositionFields.isNumericOffset(record);
        Schema updatedSchema = (numericOffset ? withNumericOffset : withTextOffset)
                .get(struct.schema(), s -> widen(s, settings, numericOffset));
        Struct updated = new Struct(updatedSchema);
        for (Field field : struct.schema().getFields()) {
            updated.put(field.getName(), settings.reader().get(struct, field));
        }
        insertions(record, settings, true).forEach(updated::put);
        return operand.with(record, updatedSchema, updated);
    }

    /** The values to insert, by field name; absent ones (no partition, no timestamp ...) are left out. */
    private static Map<String, Object> insertions(ConnectRecord record, Settings settings, boolean withSchema) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (settings.topic() != null) {
            values.put(settings.topic().name(), RecordTopic.of(record));
        }
        String partition = settings.partition() == null ? null : PositionFields.partition(record);
        if (partition != null) {
            values.put(settings.partition().name(), partition);
        }
        Object offset = settings.offset() == null ? null : PositionFields.offset(record);
        if (offset != null) {
            values.put(settings.offset().name(), offset);
        }
        if (settings.timestamp() != null && record.getTimestamp() != null) {
            // a schemaless timestamp stays the epoch millis, as in Kafka
            values.put(settings.timestamp().name(), withSchema ? new Date(record.getTimestamp()) : record.getTimestamp());
        }
        if (settings.staticField() != null) {
            values.put(settings.staticField().name(), settings.staticValue());
        }
        return values;
    }

    private Schema widen(Schema schema, Settings settings, boolean numericOffset) {
        SchemaBuilder builder = SchemaCopy.struct(schema);
        for (Field field : schema.getFields()) {
            builder.field(field.getName(), field.getSchema());
        }
        add(builder, schema, settings.topic(), SchemaBuilder.string());
        add(builder, schema, settings.partition(), SchemaBuilder.string());
        add(builder, schema, settings.offset(), numericOffset ? SchemaBuilder.int64() : SchemaBuilder.string());
        add(builder, schema, settings.timestamp(), Timestamp.builder());
        add(builder, schema, settings.staticField(), SchemaBuilder.string());
        return builder.build();
    }

    private void add(SchemaBuilder builder, Schema schema, Insertion insertion, SchemaBuilder fieldSchema) {
        if (insertion == null) {
            return;
        }
        if (schema.getField(insertion.name()) != null) {
            throw new TransformFailure(name(), "cannot insert field \"" + insertion.name() + "\": the struct already has it");
        }
        builder.field(insertion.name(), insertion.optionality(fieldSchema).build());
    }

    /** Inserts the fields into the record's key. */
    @Aliases("org.apache.kafka.connect.transforms.InsertField$Key")
    public static final class Key extends InsertField {
        public Key() {
            super(Operand.KEY);
        }
    }

    /** Inserts the fields into the record's value. */
    @Aliases("org.apache.kafka.connect.transforms.InsertField$Value")
    public static final class Value extends InsertField {
        public Value() {
            super(Operand.VALUE);
        }
    }
}
