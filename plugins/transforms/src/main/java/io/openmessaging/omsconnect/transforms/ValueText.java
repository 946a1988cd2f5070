package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.logical.Date;
import io.openmessaging.connector.api.data.logical.Time;
import io.openmessaging.connector.api.data.logical.Timestamp;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A value as text, as Kafka's Cast writes a value cast to string: bytes in Base64, a date, time or timestamp
 * in ISO 8601 at UTC, anything else by {@code toString()}.
 */
final class ValueText {
    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ValueText() {
    }

    /** The text of {@code value}; {@code schema} (may be null) tells a date from a time or a timestamp. */
    static String of(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer readable = buffer.duplicate(); // reading must not move the owner's position
            byte[] bytes = new byte[readable.remaining()];
            readable.get(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof java.util.Date date) {
            return formatterFor(date, schema == null ? null : schema.getName()).format(Instant.ofEpochMilli(date.getTime()));
        }
        return value.toString();
    }

    private static DateTimeFormatter formatterFor(java.util.Date date, String logicalName) {
        if (Date.LOGICAL_NAME.equals(logicalName)) {
            return DATE;
        }
        if (Time.LOGICAL_NAME.equals(logicalName)) {
            return TIME;
        }
        if (Timestamp.LOGICAL_NAME.equals(logicalName)) {
            return TIMESTAMP;
        }
        // no schema to tell: Kafka's guess from the value (Values.dateFormatFor)
        long millis = date.getTime();
        if (millis >= 0 && millis < MILLIS_PER_DAY) {
            return TIME;
        }
        return millis % MILLIS_PER_DAY == 0 ? DATE : TIMESTAMP;
    }
}
