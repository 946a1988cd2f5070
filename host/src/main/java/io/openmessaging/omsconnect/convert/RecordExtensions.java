package io.openmessaging.omsconnect.convert;

import io.openmessaging.KeyValue;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A sink record's extensions: string values, as in the API's DefaultKeyValue, in two small arrays searched in
 * order. One task thread builds them and hands the record to {@code put()}, and a record carries a few (its
 * topic, a table name): DefaultKeyValue's ConcurrentHashMap, or even a HashMap, cost a table and entries for
 * every record. Missing numbers read as 0, a missing string as null.
 */
final class RecordExtensions implements KeyValue {
    private String[] keys = new String[2];
    private String[] values = new String[2];
    private int size;

    private int indexOf(String key) {
        for (int i = 0; i < size; i++) {
            String k = keys[i];
            if (k == key || k.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public KeyValue put(String key, int value) {
        return put(key, Integer.toString(value));
    }

    @Override
    public KeyValue put(String key, long value) {
        return put(key, Long.toString(value));
    }

    @Override
    public KeyValue put(String key, double value) {
        return put(key, Double.toString(value));
    }

    @Override
    public KeyValue put(String key, String value) {
        int at = indexOf(key);
        if (at >= 0) {
            values[at] = value;
            return this;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        return this;
    }

    @Override
    public int getInt(String key) {
        return getInt(key, 0);
    }

    @Override
    public int getInt(String key, int defaultValue) {
        String value = getString(key);
        return value == null ? defaultValue : Integer.parseInt(value);
    }

    @Override
    public long getLong(String key) {
        return getLong(key, 0L);
    }

    @Override
    public long getLong(String key, long defaultValue) {
        String value = getString(key);
        return value == null ? defaultValue : Long.parseLong(value);
    }

    @Override
    public double getDouble(String key) {
        return getDouble(key, 0.0);
    }

    @Override
    public double getDouble(String key, double defaultValue) {
        String value = getString(key);
        return value == null ? defaultValue : Double.parseDouble(value);
    }

    @Override
    public String getString(String key) {
        int at = indexOf(key);
        return at < 0 ? null : values[at];
    }

    @Override
    public String getString(String key, String defaultValue) {
        String value = getString(key);
        return value == null ? defaultValue : value;
    }

    /** The keys in the order they were first put; a read-only snapshot. */
    @Override
    public Set<String> keySet() {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            out.add(keys[i]);
        }
        return Collections.unmodifiableSet(out);
    }

    @Override
    public boolean containsKey(String key) {
        return indexOf(key) >= 0;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            out.append(i == 0 ? "" : ", ").append(keys[i]).append('=').append(values[i]);
        }
        return out.append('}').toString();
    }
}
