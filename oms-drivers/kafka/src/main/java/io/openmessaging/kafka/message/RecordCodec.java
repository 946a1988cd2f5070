package io.openmessaging.kafka.message;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSMessageFormatException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * OMS message ↔ Kafka record. The body is the record's value (a null body, a tombstone). User headers are
 * Kafka headers of the same name, values as UTF-8 text, so Kafka's own tools and Kafka Connect see them as
 * they are; a Kafka header of another producer arrives as a user header. The user header
 * {@value #KEY_HEADER} (the worker's record key, base64) is the record's key, decoded, so Kafka partitions and
 * compacts by it; a received record's key comes back in that header. {@code BORN_TIMESTAMP} is the record's
 * timestamp. Other system headers travel as headers {@value #SYS_PREFIX}{@code <key>}, except those that
 * describe one delivery ({@link #PER_DELIVERY}): a received message sent on does not carry its old position.
 *
 * <p>Where a message is in Kafka is told in system headers, on a received message and on a sent one once
 * Kafka acknowledged it: {@value #QUEUE_OFFSET} (its offset, a long), {@value #QUEUE_ID} (its partition, as
 * text), {@value #BROKER_NAME} ({@value #BROKER}: stable whichever broker leads the partition) and
 * {@code MESSAGE_ID} ({@code <topic>-<partition>@<offset>}, the same on both sides).
 */
public final class RecordCodec {
    /** The user header in which the worker carries a record's key (base64): the Kafka record key. */
    public static final String KEY_HEADER = "omsconnect-key";
    /** Kafka header prefix of the OMS system headers a message carries. */
    public static final String SYS_PREFIX = "oms.sys.";
    public static final String QUEUE_OFFSET = "QUEUE_OFFSET";
    public static final String QUEUE_ID = "QUEUE_ID";
    public static final String BROKER_NAME = "BROKER_NAME";
    /** The {@value #BROKER_NAME} of every message: the partition, not the broker leading it, is the queue. */
    public static final String BROKER = "kafka";
    /** System headers that describe one send or delivery, not the message: never written to Kafka. */
    static final Set<String> PER_DELIVERY = Set.of(Message.BuiltinKeys.MESSAGE_ID, Message.BuiltinKeys.DESTINATION,
            Message.BuiltinKeys.RECEIPT_HANDLE, Message.BuiltinKeys.BORN_TIMESTAMP, Message.BuiltinKeys.REDELIVERED_NUMBER,
            Message.BuiltinKeys.REDELIVERED_REASON, Message.BuiltinKeys.TIMEOUT, QUEUE_OFFSET, QUEUE_ID, BROKER_NAME);

    private RecordCodec() {
    }

    /** The topic a message goes to: its DESTINATION. */
    public static String topic(Message message) {
        String topic = message.sysHeaders().getString(Message.BuiltinKeys.DESTINATION);
        if (topic == null || topic.isEmpty()) {
            throw new OMSMessageFormatException("-1", "Message has no DESTINATION: create it with producer.createBytesMessage(topic, body)");
        }
        return topic;
    }

    /** The record to send; the partition is left to Kafka's partitioner (by key, or sticky without one). */
    public static ProducerRecord<byte[], byte[]> toRecord(Message message) {
        String topic = topic(message);
        byte[] key = null;
        List<Header> headers = new ArrayList<>();
        KeyValue user = message.userHeaders();
        for (String name : user.keySet()) {
            String value = user.getString(name);
            if (name.equals(KEY_HEADER) && value != null) {
                key = decodeKey(value);
            } else {
                headers.add(new RecordHeader(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
            }
        }
        KeyValue sys = message.sysHeaders();
        for (String name : sys.keySet()) {
            String value = sys.getString(name);
            if (value != null && !PER_DELIVERY.contains(name)) {
                headers.add(new RecordHeader(SYS_PREFIX + name, value.getBytes(StandardCharsets.UTF_8)));
            }
        }
        Long timestamp = null;
        if (sys.containsKey(Message.BuiltinKeys.BORN_TIMESTAMP)) {
            long born = sys.getLong(Message.BuiltinKeys.BORN_TIMESTAMP);
            timestamp = born >= 0 ? born : null; // Kafka refuses negative timestamps; it stamps the send time instead
        }
        return new ProducerRecord<>(topic, null, timestamp, key, message.getBody(byte[].class), headers);
    }

    /** Writes where Kafka stored {@code message} into its system headers; returns its MESSAGE_ID. */
    public static String stored(Message message, RecordMetadata stored) {
        String id = messageId(stored.topic(), stored.partition(), stored.offset());
        message.putSysHeaders(Message.BuiltinKeys.MESSAGE_ID, id);
        message.putSysHeaders(QUEUE_OFFSET, stored.offset());
        message.putSysHeaders(QUEUE_ID, Integer.toString(stored.partition()));
        message.putSysHeaders(BROKER_NAME, BROKER);
        if (!message.sysHeaders().containsKey(Message.BuiltinKeys.BORN_TIMESTAMP) && stored.hasTimestamp()) {
            message.putSysHeaders(Message.BuiltinKeys.BORN_TIMESTAMP, stored.timestamp());
        }
        return id;
    }

    /**
     * The OMS message of a received record, acked with the receipt handle {@code receiptHandle} makes (when it is
     * first asked for). Its system headers are read off the record ({@link ReceivedSysHeaders}); its user headers
     * are the record's other headers, and its key.
     */
    public static KafkaBytesMessage toMessage(ConsumerRecord<byte[], byte[]> record, Supplier<String> receiptHandle) {
        KafkaBytesMessage message = KafkaBytesMessage.received(new ReceivedSysHeaders(record, receiptHandle), record.value());
        for (Header header : record.headers()) {
            String name = header.key();
            if (!name.startsWith(SYS_PREFIX)) {
                message.putUserHeaders(name, header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        if (record.key() != null) {
            message.putUserHeaders(KEY_HEADER, Base64.getEncoder().encodeToString(record.key()));
        }
        return message;
    }

    /** {@code <topic>-<partition>@<offset>}: unique in a cluster as long as the topic is not re-created. */
    public static String messageId(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    private static byte[] decodeKey(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new OMSMessageFormatException("-1", "User header " + KEY_HEADER + " must be the record key in base64: " + e.getMessage());
        }
    }
}
