package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigException;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * Kafka's SetSchemaMetadata: sets the name, the version or both of the key's ({@link Key}) or value's
 * ({@link Value}) schema; a struct is rebuilt on the renamed schema. A record without that schema and value
 * passes unchanged; a value without schema is refused.
 */
public abstract class SetSchemaMetadata extends ConfiguredTransform<SetSchemaMetadata.Settings> {
    static final String SCHEMA_NAME = "schema.name";
    static final String SCHEMA_VERSION = "schema.version";

    private static final String GROUP = "Schema";

    private final Operand operand;

    SetSchemaMetadata(Operand operand) {
        this.operand = operand;
    }

    /** @param name the name to set, null to keep; @param version likewise */
    record Settings(String name, Integer version, FieldReader reader) {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(SCHEMA_NAME).defaultValue(null).importance(Importance.HIGH).group(GROUP)
                        .width(Width.LONG).displayName("Schema name").documentation("Schema name to set.").build())
                .define(ConfigKey.builder(SCHEMA_VERSION).type(ConfigType.INT).defaultValue(null)
                        .importance(Importance.HIGH).group(GROUP).width(Width.SHORT).displayName("Schema version")
                        .documentation("Schema version to set.").build())
                .define(FieldReader.configKey(GROUP));
    }

    @Override
    protected Settings settings(ParsedConfig config) {
        Settings settings = new Settings(config.getString(SCHEMA_NAME), config.getInt(SCHEMA_VERSION), FieldReader.from(config));
        if (settings.name() == null && settings.version() == null) {
            throw new ConfigException(SCHEMA_NAME, "Neither schema name nor version configured: set "
                    + SCHEMA_NAME + ", " + SCHEMA_VERSION + " or both");
        }
        return settings;
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Settings settings) {
        Object value = operand.value(record);
        Schema schema = operand.schema(record);
        if (value == null && schema == null) {
            return RecordCopy.of(record);
        }
        if (schema == null) {
            throw new TransformFailure(name(), "updating schema metadata needs a schema; the record has none");
        }
        Schema renamed = new Schema(
                settings.name() != null ? settings.name() : schema.getName(),
                schema.getFieldType(),
                schema.isOptional(),
                schema.getDefaultValue(),
                settings.version() != null ? settings.version() : schema.getVersion(),
                schema.getDoc(),
                schema.getFields() == null ? null : new ArrayList<>(schema.getFields()),
                schema.getKeySchema(),
                schema.getValueSchema(),
                schema.getParameters() == null ? null : new LinkedHashMap<>(schema.getParameters()));
        return operand.with(record, renamed, value instanceof Struct struct ? rebuilt(struct, renamed, settings) : value);
    }

    /** The struct on the renamed schema, which has the same fields. */
    private static Struct rebuilt(Struct struct, Schema renamed, Settings settings) {
        Struct updated = new Struct(renamed);
        for (Field field : renamed.getFields()) {
            updated.put(field, settings.reader().get(struct, struct.schema().getField(field.getName())));
        }
        return updated;
    }

    /** Sets the key schema's name or version. */
    @Aliases("org.apache.kafka.connect.transforms.SetSchemaMetadata$Key")
    public static final class Key extends SetSchemaMetadata {
        public Key() {
            super(Operand.KEY);
        }
    }

    /** Sets the value schema's name or version. */
    @Aliases("org.apache.kafka.connect.transforms.SetSchemaMetadata$Value")
    public static final class Value extends SetSchemaMetadata {
        public Value() {
            super(Operand.VALUE);
        }
    }
}
