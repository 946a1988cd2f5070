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

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kafka's ReplaceField: filters and renames the fields of the key ({@link Key}) or value ({@link Value}).
 * {@code exclude} wins over {@code include}; an empty {@code include} keeps every field not excluded. Kafka's
 * deprecated {@code blacklist} and {@code whitelist} are read as {@code exclude} and {@code include}. A null key
 * or value passes unchanged.
 */
public abstract class ReplaceField extends ConfiguredTransform<ReplaceField.Settings> {
    static final String EXCLUDE = "exclude";
    static final String INCLUDE = "include";
    static final String RENAMES = "renames";

    private static final String GROUP = "Fields";

    private final Operand operand;
    private final SchemaCache schemas = new SchemaCache();

    ReplaceField(Operand operand) {
        this.operand = operand;
    }

    record Settings(Set<String> exclude, Set<String> include, Map<String, String> renames, FieldReader reader) {

        boolean keeps(String field) {
            return !exclude.contains(field) && (include.isEmpty() || include.contains(field));
        }

        String renamed(String field) {
            return renames.getOrDefault(field, field);
        }
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(EXCLUDE).aliases("blacklist").type(ConfigType.LIST).defaultValue(List.of())
                        .importance(Importance.MEDIUM).group(GROUP).width(Width.LONG).displayName("Exclude")
                        .documentation("Fields to exclude. This takes precedence over the fields to include. "
                                + "(Kafka's deprecated blacklist is read as this.)").build())
                .define(ConfigKey.builder(INCLUDE).aliases("whitelist").type(ConfigType.LIST).defaultValue(List.of())
                        .importance(Importance.MEDIUM).group(GROUP).width(Width.LONG).displayName("Include")
                        .documentation("Fields to include. If specified, only these fields will be used. "
                                + "(Kafka's deprecated whitelist is read as this.)").build())
                .define(ConfigKey.builder(RENAMES).type(ConfigType.LIST).defaultValue(List.of())
                        .validator(RenameMappings::problemWith).importance(Importance.MEDIUM).group(GROUP)
                        .width(Width.LONG).displayName("Renames")
                        .documentation("Field rename mappings: a list of colon-delimited pairs, e.g. foo:bar,abc:xyz.").build())
                .define(FieldReader.configKey(GROUP));
    }

    @Override
    protected Settings settings(ParsedConfig config) {
        return new Settings(Set.copyOf(config.getList(EXCLUDE)), Set.copyOf(config.getList(INCLUDE)),
                RenameMappings.parse(config.getList(RENAMES)), FieldReader.from(config));
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Settings settings) {
        Object value = operand.value(record);
        if (value == null) {
            return RecordCopy.of(record);
        }
        Schema schema = operand.schema(record);
        if (schema == null) {
            Map<String, Object> updated = new LinkedHashMap<>();
            ValueShape.map(value, name()).forEach((field, fieldValue) -> {
                if (settings.keeps(field)) {
                    updated.put(settings.renamed(field), fieldValue);
                }
            });
            return operand.with(record, null, updated);
        }
        Struct struct = ValueShape.struct(value, schema, name());
        Schema updatedSchema = schemas.get(struct.schema(), s -> replaced(s, settings));
        Struct updated = new Struct(updatedSchema);
        for (Field field : struct.schema().getFields()) {
            if (settings.keeps(field.getName())) {
                updated.put(settings.renamed(field.getName()), settings.reader().get(struct, field));
            }
        }
        return operand.with(record, updatedSchema, updated);
    }

    private Schema replaced(Schema schema, Settings settings) {
        SchemaBuilder builder = SchemaCopy.struct(schema);
        Map<String, String> sources = new HashMap<>(); // new name → the field it came from
        for (Field field : schema.getFields()) {
            if (!settings.keeps(field.getName())) {
                continue;
            }
            String renamed = settings.renamed(field.getName());
            String earlier = sources.putIfAbsent(renamed, field.getName());
            if (earlier != null) {
                throw new TransformFailure(name(), "fields \"" + earlier + "\" and \"" + field.getName()
                        + "\" would both be called \"" + renamed + "\"");
            }
            builder.field(renamed, field.getSchema());
        }
        return builder.build();
    }

    /** Filters and renames the key's fields. */
    @Aliases("org.apache.kafka.connect.transforms.ReplaceField$Key")
    public static final class Key extends ReplaceField {
        public Key() {
            super(Operand.KEY);
        }
    }

    /** Filters and renames the value's fields. */
    @Aliases("org.apache.kafka.connect.transforms.ReplaceField$Value")
    public static final class Value extends ReplaceField {
        public Value() {
            super(Operand.VALUE);
        }
    }
}
