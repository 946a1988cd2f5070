package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka's ValueToKey: replaces the key with a new one made of some of the value's fields (a map of them when
 * the value is schemaless, a required struct of them otherwise). A null value (a tombstone) passes unchanged,
 * keeping its key.
 */
@Aliases("org.apache.kafka.connect.transforms.ValueToKey")
public final class ValueToKey extends ConfiguredTransform<ValueToKey.Settings> {
    static final String FIELDS = "fields";

    private static final String GROUP = "Key";

    private final SchemaCache keySchemas = new SchemaCache();

    record Settings(List<String> fields, FieldReader reader) {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(FIELDS).type(ConfigType.LIST).validator(NonEmptyList.INSTANCE)
                        .importance(Importance.HIGH).group(GROUP).width(Width.LONG).displayName("Fields")
                        .documentation("Field names on the record value to extract as the record key.").build())
                .define(FieldReader.configKey(GROUP));
    }

    @Override
    protected Settings settings(ParsedConfig config) {
        return new Settings(List.copyOf(config.getList(FIELDS)), FieldReader.from(config));
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Settings settings) {
        Object value = record.getData();
        if (value == null) {
            return RecordCopy.of(record);
        }
        Schema schema = record.getSchema();
        if (schema == null) {
            Map<String, Object> map = ValueShape.map(value, name());
            Map<String, Object> key = new LinkedHashMap<>();
            settings.fields().forEach(field -> key.put(field, map.get(field)));
            return Operand.KEY.with(record, null, key);
        }
        Struct struct = ValueShape.struct(value, schema, name());
        Schema keySchema = keySchemas.get(struct.schema(), s -> keySchema(s, settings));
        Struct key = new Struct(keySchema);
        for (String field : settings.fields()) {
            key.put(field, settings.reader().get(struct, struct.schema().getField(field)));
        }
        return Operand.KEY.with(record, keySchema, key);
    }

    private Schema keySchema(Schema valueSchema, Settings settings) {
        SchemaBuilder builder = SchemaBuilder.struct().required();
        for (String name : settings.fields()) {
            Field field = valueSchema.getField(name);
            if (field == null) {
                throw new TransformFailure(name(), "the value has no field \"" + name + "\"");
            }
            builder.field(name, field.getSchema());
        }
        return builder.build();
    }
}
