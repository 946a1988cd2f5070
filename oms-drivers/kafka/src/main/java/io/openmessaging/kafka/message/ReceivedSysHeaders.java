package io.openmessaging.kafka.message;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.internal.DefaultKeyValue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The system headers of a received record, answered from the record when asked. Where a message is
 * ({@code DESTINATION}, {@code MESSAGE_ID}, {@code RECEIPT_HANDLE}, {@value RecordCodec#QUEUE_OFFSET},
 * {@value RecordCodec#QUEUE_ID}, {@value RecordCodec#BROKER_NAME}, {@code BORN_TIMESTAMP}) is read off the record
 * instead of being written as text into a map for every message: a profile of the driver's receive found half its
 * time there (the map's puts and numbers turned into text). The headers the sender wrote as
 * {@value RecordCodec#SYS_PREFIX}{@code <key>}, and whatever is put here, go to a map made when first needed; a key
 * put here wins over the record's. Not thread-safe, like the message.
 */
final class ReceivedSysHeaders implements KeyValue {
    private static final List<String> FROM_RECORD = List.of(Message.BuiltinKeys.DESTINATION, Message.BuiltinKeys.MESSAGE_ID,
            Message.BuiltinKeys.RECEIPT_HANDLE, RecordCodec.QUEUE_OFFSET, RecordCodec.QUEUE_ID, RecordCodec.BROKER_NAME,
            Message.BuiltinKeys.BORN_TIMESTAMP);

    private final ConsumerRecord<byte[], byte[]> record;
    private final Supplier<String> receiptHandleOf;
    private String receiptHandle;
    /** the sender's system headers and what was put here; null until needed */
    private KeyValue others;

    ReceivedSysHeaders(ConsumerRecord<byte[], byte[]> record, Supplier<String> receiptHandle) {
        this.record = record;
        this.receiptHandleOf = receiptHandle;
    }

    /** The record's value of {@code key} as text, or null when {@code key} is not one the record answers. */
    private String fromRecord(String key) {
        return switch (key) {
            case Message.BuiltinKeys.DESTINATION -> record.topic();
            case Message.BuiltinKeys.MESSAGE_ID -> RecordCodec.messageId(record.topic(), record.partition(), record.offset());
            case Message.BuiltinKeys.RECEIPT_HANDLE -> receiptHandle();
            case RecordCodec.QUEUE_OFFSET -> Long.toString(record.offset());
            case RecordCodec.QUEUE_ID -> Integer.toString(record.partition());
            case RecordCodec.BROKER_NAME -> RecordCodec.BROKER;
            case Message.BuiltinKeys.BORN_TIMESTAMP -> record.timestamp() >= 0 ? Long.toString(record.timestamp()) : null;
            default -> null;
        };
    }

    /** Whether the record answers {@code key}: all of {@link #FROM_RECORD} do, but a timestamp the record lacks. */
    private boolean inRecord(String key) {
        return FROM_RECORD.contains(key) && (!key.equals(Message.BuiltinKeys.BORN_TIMESTAMP) || record.timestamp() >= 0);
    }

    private String receiptHandle() {
        if (receiptHandle == null) {
            receiptHandle = receiptHandleOf.get();
        }
        return receiptHandle;
    }

    private boolean put(String key) {
        return others != null && others.containsKey(key);
    }

    private KeyValue others() {
        if (others == null) {
            others = new DefaultKeyValue();
            for (Header header : record.headers()) {
                String name = header.key();
                if (name.startsWith(RecordCodec.SYS_PREFIX)) {
                    String key = name.substring(RecordCodec.SYS_PREFIX.length());
                    if (!RecordCodec.PER_DELIVERY.contains(key)) {
                        others.put(key, header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return others;
    }

    @Override
    public String getString(String key) {
        if (put(key)) {
            return others.getString(key);
        }
        return FROM_RECORD.contains(key) ? fromRecord(key) : others().getString(key);
    }

    @Override
    public String getString(String key, String defaultValue) {
        return containsKey(key) ? getString(key) : defaultValue;
    }

    @Override
    public long getLong(String key) {
        if (!put(key) && key.equals(RecordCodec.QUEUE_OFFSET)) {
            return record.offset(); // the one a sink reads for every message: no text made
        }
        String value = getString(key);
        return value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public long getLong(String key, long defaultValue) {
        return containsKey(key) ? getLong(key) : defaultValue;
    }

    @Override
    public int getInt(String key) {
        String value = getString(key);
        return value == null ? 0 : Integer.parseInt(value);
    }

    @Override
    public int getInt(String key, int defaultValue) {
        return containsKey(key) ? getInt(key) : defaultValue;
    }

    @Override
    public double getDouble(String key) {
        String value = getString(key);
        return value == null ? 0 : Double.parseDouble(value);
    }

    @Override
    public double getDouble(String key, double defaultValue) {
        return containsKey(key) ? getDouble(key) : defaultValue;
    }

    @Override
    public boolean containsKey(String key) {
        if (put(key)) {
            return true;
        }
        // no text is made to answer: getLong(QUEUE_OFFSET, default) asks this for every message
        return FROM_RECORD.contains(key) ? inRecord(key) : others().containsKey(key);
    }

    @Override
    public Set<String> keySet() {
        Set<String> keys = new LinkedHashSet<>();
        for (String key : FROM_RECORD) {
            if (inRecord(key)) {
                keys.add(key);
            }
        }
        keys.addAll(others().keySet());
        return keys;
    }

    @Override
    public KeyValue put(String key, int value) {
        others().put(key, value);
        return this;
    }

    @Override
    public KeyValue put(String key, long value) {
        others().put(key, value);
        return this;
    }

    @Override
    public KeyValue put(String key, double value) {
        others().put(key, value);
        return this;
    }

    @Override
    public KeyValue put(String key, String value) {
        others().put(key, value);
        return this;
    }
}
