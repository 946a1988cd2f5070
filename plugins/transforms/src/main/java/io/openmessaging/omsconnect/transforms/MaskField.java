package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Validator;
import io.openmessaging.omsconnect.api.config.Width;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Kafka's MaskField: masks fields of the key ({@link Key}) or value ({@link Value}) with the empty value of
 * their type (0, false, "", the epoch, an empty list or map), or with {@code replacement} read as their type
 * (numbers and strings only). Fields the value lacks are not added. A null key or value passes unchanged.
 */
public abstract class MaskField extends ConfiguredTransform<MaskField.Settings> {
    static final String FIELDS = "fields";
    static final String REPLACEMENT = "replacement";

    private static final String GROUP = "Masking";

    private final Operand operand;

    MaskField(Operand operand) {
        this.operand = operand;
    }

    record Settings(Set<String> fields, FieldMask mask, FieldReader reader) {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(FIELDS).type(ConfigType.LIST).validator(NonEmptyList.INSTANCE)
                        .importance(Importance.HIGH).group(GROUP).width(Width.LONG).displayName("Fields")
                        .documentation("Names of fields to mask.").build())
                .define(ConfigKey.builder(REPLACEMENT).defaultValue(null).validator(Validator.nonEmpty())
                        .importance(Importance.LOW).group(GROUP).width(Width.MEDIUM).displayName("Replacement")
                        .documentation("Custom value replacement, that will be applied to all 'fields' values "
                                + "(numeric or non-empty string values only).").build())
                .define(FieldReader.configKey(GROUP));
    }

    @Override
    protected Settings settings(ParsedConfig config) {
        return new Settings(Set.copyOf(config.getList(FIELDS)), new FieldMask(config.getString(REPLACEMENT)),
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
            Map<String, Object> updated = new LinkedHashMap<>(ValueShape.map(value, name()));
            for (String field : settings.fields()) {
                if (updated.containsKey(field)) {
                    updated.put(field, masked(settings, field, updated.get(field)));
                }
            }
            return operand.with(record, null, updated);
        }
        Struct struct = ValueShape.struct(value, schema, name());
        Struct updated = new Struct(struct.schema());
        for (Field field : struct.schema().getFields()) {
            Object fieldValue = settings.reader().get(struct, field);
            updated.put(field, settings.fields().contains(field.getName())
                    ? masked(settings, field.getName(), fieldValue) : fieldValue);
        }
        return operand.with(record, struct.schema(), updated);
    }

    private Object masked(Settings settings, String field, Object value) {
        try {
            return settings.mask().mask(value);
        } catch (IllegalArgumentException e) {
            throw new TransformFailure(name(), "field \"" + field + "\": " + e.getMessage(), e);
        }
    }

    /** Masks fields of the key. */
    @Aliases("org.apache.kafka.connect.transforms.MaskField$Key")
    public static final class Key extends MaskField {
        public Key() {
            super(Operand.KEY);
        }
    }

    /** Masks fields of the value. */
    @Aliases("org.apache.kafka.connect.transforms.MaskField$Value")
    public static final class Value extends MaskField {
        public Value() {
            super(Operand.VALUE);
        }
    }
}
