package io.openmessaging.local.message;

import io.openmessaging.KeyValue;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The headers of one message. Values read back as strings, like the API's DefaultKeyValue, but numbers are
 * kept as they were put, so a timestamp put as a long and read as a long (the producer's BORN_TIMESTAMP)
 * is never printed and parsed on the way. A message carries a handful of headers and belongs to one
 * thread at a time: they sit in two small arrays searched in order (keys are nearly always the API's
 * constants, so most lookups end at an identity check), which costs a fraction of a HashMap per message.
 * Missing numbers read as 0, a missing string as null.
 */
final class Headers implements KeyValue {

    private static final String[] NO_KEYS = new String[0];
    private static final Object[] NO_VALUES = new Object[0];

    private String[] keys = NO_KEYS;
    private Object[] values = NO_VALUES;
    private int size;

    /** Sets a header to any value: {@code getString} gives its {@code toString()}, made only when read. */
    void set(String key, Object value) {
        int at = indexOf(key);
        if (at >= 0) {
            values[at] = value;
        } else {
            append(key, value);
        }
    }

    /** Adds a header known not to be there yet (the decoder's: stored keys are distinct), without a lookup. */
    void append(String key, Object value) {
        if (size == keys.length) {
            int capacity = size == 0 ? 4 : size * 2;
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        keys[size] = key;
        values[size] = value;
        size++;
    }

    private int indexOf(String key) {
        for (int i = 0; i < size; i++) {
            String k = keys[i];
            if (k == key || k.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private Object raw(String key) {
        int at = indexOf(key);
        return at < 0 ? null : values[at];
    }

    @Override
    public KeyValue put(String key, int value) {
        set(key, value);
        return this;
    }

    @Override
    public KeyValue put(String key, long value) {
        set(key, value);
        return this;
    }

    @Override
    public KeyValue put(String key, double value) {
        set(key, value);
        return this;
    }

    @Override
    public KeyValue put(String key, String value) {
        set(key, value);
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

    /** The keys in the order they were first put; a read-only view. */
    @Override
    public Set<String> keySet() {
        if (size == 0) {
            return Collections.emptySet(); // most messages have no user headers: no view to build
        }
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public String next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        return keys[next++];
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public boolean contains(Object key) {
                return key instanceof String k && indexOf(k) >= 0;
            }
        };
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
