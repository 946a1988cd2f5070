package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A source record's extensions: its {@code topic}, and whatever a transform adds later. Every line becomes
 * a record, and the API's DefaultKeyValue (a ConcurrentHashMap) cost a concurrent table per line for one
 * entry; here the topic is a field and a map exists only once something else is put. String values, as in
 * DefaultKeyValue; missing numbers read as 0, a missing string as null. Not thread-safe: a record belongs to
 * one thread at a time.
 */
final class TopicExtensions implements KeyValue {
    private String topic;
    private Map<String, String> others;

    TopicExtensions(String topic) {
        this.topic = topic;
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
        if (FileSourceTask.TOPIC_EXTENSION.equals(key)) {
            topic = value;
        } else {
            if (others == null) {
                others = new LinkedHashMap<>();
            }
            others.put(key, value);
        }
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
        if (FileSourceTask.TOPIC_EXTENSION.equals(key)) {
            return topic;
        }
        return others == null ? null : others.get(key);
    }

    @Override
    public String getString(String key, String defaultValue) {
        String value = getString(key);
        return value == null ? defaultValue : value;
    }

    @Override
    public Set<String> keySet() {
        if (others == null) {
            return topic == null ? Set.of() : Set.of(FileSourceTask.TOPIC_EXTENSION);
        }
        Set<String> keys = new LinkedHashSet<>();
        if (topic != null) {
            keys.add(FileSourceTask.TOPIC_EXTENSION);
        }
        keys.addAll(others.keySet());
        return Collections.unmodifiableSet(keys);
    }

    @Override
    public boolean containsKey(String key) {
        return getString(key) != null;
    }

    @Override
    public String toString() {
        return others == null ? "{topic=" + topic + "}" : "{topic=" + topic + ", " + others + "}";
    }
}
