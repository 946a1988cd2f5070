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
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka's HeaderFrom: copies or moves fields of the key ({@link Key}) or value ({@link Value}) into headers
 * (the record's extensions), the n-th of {@code fields} into the n-th of {@code headers}. A header holds the
 * field's text ({@link ValueText}: bytes in Base64, dates in ISO 8601, others by {@code toString()}); a null
 * field sets no header, since an extension cannot hold null. A header replaces one of the same name. A null key
 * or value passes unchanged.
 */
public abstract class HeaderFrom extends ConfiguredTransform<HeaderFrom.Settings> {
    static final String FIELDS = "fields";
    static final String HEADERS = "headers";
    static final String OPERATION = "operation";

    private static final String GROUP = "Headers";

    private final Operand operand;
    private final SchemaCache movedSchemas = new SchemaCache();

    HeaderFrom(Operand operand) {
        this.operand = operand;
    }

    /** @param move true to remove the fields from the key or value, false to keep them */
    record Settings(List<String> fields, List<String> headers, boolean move, FieldReader reader) {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(FIELDS).type(ConfigType.LIST).validator(NonEmptyList.INSTANCE)
                        .importance(Importance.HIGH).group(GROUP).width(Width.LONG).displayName("Fields")
                        .documentation("Field names in the record whose values are to be copied or moved to headers.").build())
                .define(ConfigKey.builder(HEADERS).type(ConfigType.LIST).validator(AllOf.of(NonEmptyList.INSTANCE, Headers.names()))
                        .importance(Importance.HIGH).group(GROUP).width(Width.LONG).displayName("Headers")
                        .documentation("Header names, in the same order as the field names listed in the fields "
                                + "configuration property.").build())
                .define(ConfigKey.builder(OPERATION).validator(OneOf.of("move", "copy")).importance(Importance.HIGH)
                        .group(GROUP).width(Width.SHORT).displayName("Operation")
                        .documentation("Either move if the fields are to be moved to the headers (removed from the "
                                + "key/value), or copy if the fields are to be copied to the headers (retained in the "
                                + "key/value).").build())
                .define(FieldReader.configKey(GROUP));
    }

    @Override
    protected Settings settings(ParsedConfig config) {
        List<String> fields = config.getList(FIELDS);
        List<String> headers = config.getList(HEADERS);
        if (fields.size() != headers.size()) {
            throw new ConfigException(config.spelling(HEADERS),
                    "'headers' config must have the same number of elements as 'fields' config.");
        }
        return new Settings(List.copyOf(fields), List.copyOf(headers), "move".equals(config.getString(OPERATION)),
                FieldReader.from(config));
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Settings settings) {
        Object value = operand.value(record);
        if (value == null) {
            return RecordCopy.of(record);
        }
        Schema schema = operand.schema(record);
        if (schema == null) {
            Map<String, Object> map = ValueShape.map(value, name());
            Map<String, Object> updated = new LinkedHashMap<>(map);
            if (settings.move()) {
                settings.fields().forEach(updated::remove);
            }
            ConnectRecord copy = operand.with(record, null, updated);
            for (int i = 0; i < settings.fields().size(); i++) {
                setHeader(copy, settings.headers().get(i), ValueText.of(map.get(settings.fields().get(i)), null));
            }
            return copy;
        }
        Struct struct = ValueShape.struct(value, schema, name());
        for (String field : settings.fields()) {
            if (struct.schema().getField(field) == null) {
                throw new TransformFailure(name(), "the struct has no field \"" + field + "\"");
            }
        }
        ConnectRecord copy;
        if (settings.move()) {
            Schema movedSchema = moved(struct, settings);
            copy = operand.with(record, movedSchema, withoutFields(struct, movedSchema, settings));
        } else {
            copy = operand.with(record, struct.schema(), struct);
        }
        for (int i = 0; i < settings.fields().size(); i++) {
            Field field = struct.schema().getField(settings.fields().get(i));
            setHeader(copy, settings.headers().get(i), ValueText.of(settings.reader().get(struct, field), field.getSchema()));
        }
        return copy;
    }

    private static void setHeader(ConnectRecord copy, String header, String text) {
        if (text != null) {
            Headers.set(copy, header, text);
        }
    }

    private Schema moved(Struct struct, Settings settings) {
        return movedSchemas.get(struct.schema(), s -> {
            SchemaBuilder builder = SchemaCopy.struct(s);
            for (Field field : s.getFields()) {
                if (!settings.fields().contains(field.getName())) {
                    builder.field(field.getName(), field.getSchema());
                }
            }
            return builder.build();
        });
    }

    private static Struct withoutFields(Struct struct, Schema movedSchema, Settings settings) {
        Struct updated = new Struct(movedSchema);
        for (Field field : movedSchema.getFields()) {
            updated.put(field.getName(), settings.reader().get(struct, struct.schema().getField(field.getName())));
        }
        return updated;
    }

    /** Copies or moves fields of the key into headers. */
    @Aliases("org.apache.kafka.connect.transforms.HeaderFrom$Key")
    public static final class Key extends HeaderFrom {
        public Key() {
            super(Operand.KEY);
        }
    }

    /** Copies or moves fields of the value into headers. */
    @Aliases("org.apache.kafka.connect.transforms.HeaderFrom$Value")
    public static final class Value extends HeaderFrom {
        public Value() {
            super(Operand.VALUE);
        }
    }
}
