package io.openmessaging.local.message;

import io.openmessaging.KeyValue;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The headers of one message. Values read back as strings, like the API's DefaultKeyValue, but numbers are
 * kept as they were put, so a timestamp put as a long and read as a long (the producer's BORN_TIMESTAMP)
 * is never printed and parsed on the way; in a plain map created on first put, since a message belongs to
 * one thread at a time and most carry few headers. Missing numbers read as 0, a missing string as null.
 */
final class Headers implements KeyValue {

    private Map<String, Object> values;

    private Map<String, Object> values() {
        if (values == null) {
            values = new HashMap<>(8);
        }
        return values;
    }

    @Override
    public KeyValue put(String key, int value) {
        values().put(key, value);
        return this;
    }

    @Override
    public KeyValue put(String key, long value) {
        values().put(key, value);
        return this;
    }

    @Override
    public KeyValue put(String key, double value) {
        values().put(key, value);
        return this;
    }

    @Override
    public KeyValue put(String key, String value) {
        values().put(key, value);
        return this;
    }

    @Override
    public int getInt(String key) {
        return getInt(key, 0);
    }

    @Override
    public int getInt(String key, int defaultValue) {
        Object value = raw(key);
        if (value instanceof Integer number) {
            return number;
        }
        return value == null ? defaultValue : Integer.parseInt(value.toString());
    }

    @Override
    public long getLong(String key) {
        return getLong(key, 0L);
    }

    @Override
    public long getLong(String key, long defaultValue) {
        Object value = raw(key);
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        return value == null ? defaultValue : Long.parseLong(value.toString());
    }

    @Override
    public double getDouble(String key) {
        return getDouble(key, 0.0);
    }

    @Override
    public double getDouble(String key, double defaultValue) {
        Object value = raw(key);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        return value == null ? defaultValue : Double.parseDouble(value.toString());
    }

    @Override
    public String getString(String key) {
        Object value = raw(key);
        return value == null ? null : value.toString();
    }

    @Override
    public String getString(String key, String defaultValue) {
        String value = getString(key);
        return value == null ? defaultValue : value;
    }

    private Object raw(String key) {
        return values == null ? null : values.get(key);
    }

    @Override
    public Set<String> keySet() {
        return values == null ? Collections.emptySet() : values.keySet();
    }

    @Override
    public boolean containsKey(String key) {
        return values != null && values.containsKey(key);
    }

    @Override
    public String toString() {
        return values == null ? "{}" : values.toString();
    }
}
