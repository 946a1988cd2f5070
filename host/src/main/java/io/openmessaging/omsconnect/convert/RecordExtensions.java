package io.openmessaging.omsconnect.convert;

import io.openmessaging.KeyValue;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A sink record's extensions: string values, as in the API's DefaultKeyValue, but in a plain map. One
 * task thread builds them and hands the record to {@code put()}; DefaultKeyValue's ConcurrentHashMap
 * would cost a concurrent table for every record. Missing numbers read as 0, a missing string as null.
 */
final class RecordExtensions implements KeyValue {
    private final Map<String, String> values = new HashMap<>(4);

    @Override
    public KeyValue put(String key, int value) {
        values.put(key, Integer.toString(value));
        return this;
    }

    @Override
    public KeyValue put(String key, long value) {
        values.put(key, Long.toString(value));
        return this;
    }

    @Override
    public KeyValue put(String key, double value) {
        values.put(key, Double.toString(value));
        return this;
    }

    @Override
    public KeyValue put(String key, String value) {
        values.put(key, value);
        return this;
    }

    @Override
    public int getInt(String key) {
        return getInt(key, 0);
    }

    @Override
    public int getInt(String key, int defaultValue) {
        String value = values.get(key);
        return value == null ? defaultValue : Integer.parseInt(value);
    }

    @Override
    public long getLong(String key) {
        return getLong(key, 0L);
    }

    @Override
    public long getLong(String key, long defaultValue) {
        String value = values.get(key);
        return value == null ? defaultValue : Long.parseLong(value);
    }

    @Override
    public double getDouble(String key) {
        return getDouble(key, 0.0);
    }

    @Override
    public double getDouble(String key, double defaultValue) {
        String value = values.get(key);
        return value == null ? defaultValue : Double.parseDouble(value);
    }

    @Override
    public String getString(String key) {
        return values.get(key);
    }

    @Override
    public String getString(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(values.keySet());
    }

    @Override
    public boolean containsKey(String key) {
        return values.containsKey(key);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
