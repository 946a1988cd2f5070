package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.FieldType;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A type Cast casts to, and how: numbers narrow or widen as Java's conversions do, booleans are 1 or 0,
 * strings are parsed, and anything becomes a string (bytes in Base64, dates in ISO 8601).
 */
enum CastType {
    INT8(SchemaBuilder::int8),
    INT16(SchemaBuilder::int16),
    INT32(SchemaBuilder::int32),
    INT64(SchemaBuilder::int64),
    FLOAT32(SchemaBuilder::float32),
    FLOAT64(SchemaBuilder::float64),
    BOOLEAN(SchemaBuilder::bool),
    STRING(SchemaBuilder::string);

    /** The types a value with a schema may be cast from (bytes only to string). */
    private static final Set<FieldType> INPUTS = EnumSet.of(FieldType.INT8, FieldType.INT16, FieldType.INT32,
            FieldType.INT64, FieldType.FLOAT32, FieldType.FLOAT64, FieldType.BOOLEAN, FieldType.STRING, FieldType.BYTES);

    /** The classes a schemaless value may be cast from: those of the types above. */
    private static final Set<Class<?>> INPUT_CLASSES = Set.of(Byte.class, Short.class, Integer.class, Long.class,
            Float.class, Double.class, Boolean.class, String.class, byte[].class);

    private final Supplier<SchemaBuilder> builder;

    CastType(Supplier<SchemaBuilder> builder) {
        this.builder = builder;
    }

    /**
     * The type a spec names, in any case ({@code int32}, {@code INT32}).
     *
     * @throws IllegalArgumentException naming the type when it is none Cast casts to
     */
    static CastType named(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (CastType type : values()) {
            if (type.name().equals(upper)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Cast transformation does not support casting to " + name.trim()
                + "; supported types are " + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }

    /** Whether Cast takes a value of this schema's type. */
    static boolean castsFrom(Schema schema) {
        return INPUTS.contains(schema.getFieldType());
    }

    /** Whether Cast takes this schemaless value (a map, a list or a date it does not). */
    static boolean castsFrom(Object value) {
        return INPUT_CLASSES.contains(value.getClass()) || value instanceof ByteBuffer;
    }

    /** A builder for schemas of this type. */
    SchemaBuilder schema() {
        return builder.get();
    }

    /**
     * {@code value} (a logical value already encoded to its number) as this type; null stays null.
     *
     * @throws IllegalArgumentException when it does not convert
     */
    Object cast(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        if (this == STRING) {
            return ValueText.of(value, schema);
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            throw new IllegalArgumentException("bytes cast only to string, not to " + label());
        }
        try {
            if (value instanceof Number number) {
                return fromNumber(number);
            }
            if (value instanceof Boolean bool) {
                return this == BOOLEAN ? bool : fromNumber(bool ? 1 : 0);
            }
            if (value instanceof String text) {
                return fromText(text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + value + "\" is no " + label() + " value", e);
        }
        throw new IllegalArgumentException("cannot cast a " + value.getClass().getName() + " to " + label());
    }

    private Object fromNumber(Number number) {
        return switch (this) {
            case INT8 -> number.byteValue();
            case INT16 -> number.shortValue();
            case INT32 -> number.intValue();
            case INT64 -> number.longValue();
            case FLOAT32 -> number.floatValue();
            case FLOAT64 -> number.doubleValue();
            case BOOLEAN -> number.longValue() != 0L;
            case STRING -> number.toString();
        };
    }

    private Object fromText(String text) {
        return switch (this) {
            case INT8 -> Byte.parseByte(text);
            case INT16 -> Short.parseShort(text);
            case INT32 -> Integer.parseInt(text);
            case INT64 -> Long.parseLong(text);
            case FLOAT32 -> Float.parseFloat(text);
            case FLOAT64 -> Double.parseDouble(text);
            case BOOLEAN -> Boolean.parseBoolean(text);
            case STRING -> text;
        };
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
