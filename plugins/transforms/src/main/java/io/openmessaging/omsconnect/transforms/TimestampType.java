package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.FieldType;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.logical.Date;
import io.openmessaging.connector.api.data.logical.Time;
import io.openmessaging.connector.api.data.logical.Timestamp;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.TimeZone;

/**
 * A representation of a point in time TimestampConverter converts between (its {@code target.type}s): a
 * formatted string, a Unix number, or a Connect Date, Time or Timestamp (a {@code java.util.Date}). Every
 * conversion goes through the instant, and all of them are at UTC.
 */
enum TimestampType {
    STRING("string") {
        @Override
        java.util.Date toInstant(Object value, Format format) {
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException("expected a string timestamp, found " + ValueShape.typeOf(value));
            }
            if (format.pattern().isEmpty()) {
                throw new IllegalArgumentException("a string timestamp needs format to be read");
            }
            try {
                return format.dateFormat().parse(text);
            } catch (ParseException e) {
                throw new IllegalArgumentException("Could not parse timestamp: value (" + text
                        + ") does not match pattern (" + format.pattern() + ")", e);
            }
        }

        @Override
        Object fromInstant(java.util.Date instant, Format format) {
            return format.dateFormat().format(instant);
        }

        @Override
        SchemaBuilder schema() {
            return SchemaBuilder.string();
        }
    },
    UNIX("unix") {
        @Override
        java.util.Date toInstant(Object value, Format format) {
            if (!(value instanceof Long number)) {
                throw new IllegalArgumentException("expected a Unix timestamp as a Long, found " + ValueShape.typeOf(value));
            }
            return new java.util.Date(format.precision().toMillis(number));
        }

        @Override
        Object fromInstant(java.util.Date instant, Format format) {
            return format.precision().fromMillis(instant.getTime());
        }

        @Override
        SchemaBuilder schema() {
            return SchemaBuilder.int64();
        }
    },
    DATE("Date") {
        @Override
        Object fromInstant(java.util.Date instant, Format format) {
            return new java.util.Date(Math.floorDiv(instant.getTime(), MILLIS_PER_DAY) * MILLIS_PER_DAY);
        }

        @Override
        SchemaBuilder schema() {
            return Date.builder();
        }
    },
    TIME("Time") {
        @Override
        Object fromInstant(java.util.Date instant, Format format) {
            return new java.util.Date(Math.floorMod(instant.getTime(), MILLIS_PER_DAY));
        }

        @Override
        SchemaBuilder schema() {
            return Time.builder();
        }
    },
    TIMESTAMP("Timestamp") {
        @Override
        Object fromInstant(java.util.Date instant, Format format) {
            return new java.util.Date(instant.getTime());
        }

        @Override
        SchemaBuilder schema() {
            return Timestamp.builder();
        }
    };

    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    /** The {@code format} and {@code unix.precision} a conversion reads and writes with. */
    record Format(String pattern, UnixPrecision precision) {

        /** A formatter of its own for each use: SimpleDateFormat keeps state while it works. */
        SimpleDateFormat dateFormat() {
            SimpleDateFormat dateFormat = new SimpleDateFormat(pattern);
            dateFormat.setTimeZone(TimeZone.getTimeZone("UTC"));
            return dateFormat;
        }
    }

    private final String configName;

    TimestampType(String configName) {
        this.configName = configName;
    }

    /** The instant a value of this type stands for (a Date, Time or Timestamp already is one). */
    java.util.Date toInstant(Object value, Format format) {
        if (!(value instanceof java.util.Date date)) {
            throw new IllegalArgumentException("expected a " + configName + " as a java.util.Date, found " + ValueShape.typeOf(value));
        }
        return date;
    }

    abstract Object fromInstant(java.util.Date instant, Format format);

    /** A builder for the schema of values of this type. */
    abstract SchemaBuilder schema();

    String configName() {
        return configName;
    }

    static TimestampType named(String configName) {
        for (TimestampType type : values()) {
            if (type.configName.equals(configName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown timestamp type " + configName);
    }

    static String[] configNames() {
        TimestampType[] types = values();
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            names[i] = types[i].configName;
        }
        return names;
    }

    /**
     * The type of values of {@code schema}: its logical type, else a string or a Unix number.
     *
     * @throws IllegalArgumentException when the schema holds no timestamp
     */
    static TimestampType of(Schema schema) {
        String name = schema.getName();
        if (Timestamp.LOGICAL_NAME.equals(name)) {
            return TIMESTAMP;
        }
        if (Date.LOGICAL_NAME.equals(name)) {
            return DATE;
        }
        if (Time.LOGICAL_NAME.equals(name)) {
            return TIME;
        }
        if (schema.getFieldType() == FieldType.STRING) {
            return STRING;
        }
        if (schema.getFieldType() == FieldType.INT64) {
            return UNIX;
        }
        throw new IllegalArgumentException("schema of type " + schema.getFieldType()
                + (name == null ? "" : " named " + name) + " holds no timestamp format");
    }

    /**
     * The type of a schemaless value: a {@code java.util.Date} is a Timestamp, a Long a Unix number, a String a
     * formatted string.
     *
     * @throws IllegalArgumentException for any other value
     */
    static TimestampType of(Object value) {
        if (value instanceof java.util.Date) {
            return TIMESTAMP;
        }
        if (value instanceof Long) {
            return UNIX;
        }
        if (value instanceof String) {
            return STRING;
        }
        throw new IllegalArgumentException("TimestampConverter does not support " + ValueShape.typeOf(value) + " objects as timestamps");
    }
}
