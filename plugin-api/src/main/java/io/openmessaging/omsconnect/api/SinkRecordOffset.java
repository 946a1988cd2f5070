package io.openmessaging.omsconnect.api;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A sink record's offset map as the worker makes it: {@value #QUEUE_OFFSET} (where the driver gives the message's
 * queue position) and {@value #MESSAGE_ID}, every value text, as RocketMQ Connect gives them (its connectors cast
 * them to {@code String}). The number is formatted only when someone reads the map: the worker makes one of these
 * for every record, and a sink of ours reads {@link #queueOffset()} without any text. Immutable.
 */
public final class SinkRecordOffset extends AbstractMap<String, Object> {
    public static final String QUEUE_OFFSET = "queueOffset";
    public static final String MESSAGE_ID = "messageId";
    /** {@link #queueOffset()} of an offset whose driver gave no queue position. */
    public static final long NONE = Long.MIN_VALUE;

    private final long queueOffset;
    private final String messageId;
    private Set<Entry<String, Object>> entries; // made on the first read as a map

    private SinkRecordOffset(long queueOffset, String messageId) {
        this.queueOffset = queueOffset;
        this.messageId = messageId;
    }

    /** @param queueOffset the message's queue position, or {@link #NONE} */
    public static SinkRecordOffset of(long queueOffset, String messageId) {
        return new SinkRecordOffset(queueOffset, messageId == null ? "" : messageId);
    }

    /** The queue position, or {@link #NONE}. */
    public long queueOffset() {
        return queueOffset;
    }

    public String messageId() {
        return messageId;
    }

    @Override
    public Object get(Object key) {
        if (QUEUE_OFFSET.equals(key)) {
            return queueOffset == NONE ? null : Long.toString(queueOffset);
        }
        return MESSAGE_ID.equals(key) ? messageId : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return MESSAGE_ID.equals(key) || QUEUE_OFFSET.equals(key) && queueOffset != NONE;
    }

    @Override
    public int size() {
        return queueOffset == NONE ? 1 : 2;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        if (entries == null) {
            Set<Entry<String, Object>> made = new LinkedHashSet<>(2);
            if (queueOffset != NONE) {
                made.add(Map.entry(QUEUE_OFFSET, Long.toString(queueOffset)));
            }
            made.add(Map.entry(MESSAGE_ID, messageId));
            entries = Collections.unmodifiableSet(made);
        }
        return entries;
    }

    /**
     * The queue position any sink record's offset map names: ours directly, else its {@value #QUEUE_OFFSET} entry as a
     * whole number or its text; {@link #NONE} when it names none or not one.
     */
    public static long queueOffsetOf(Map<String, ?> offset) {
        if (offset instanceof SinkRecordOffset ours) {
            return ours.queueOffset;
        }
        Object value = offset == null ? null : offset.get(QUEUE_OFFSET);
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return NONE;
            }
        }
        return NONE;
    }
}
