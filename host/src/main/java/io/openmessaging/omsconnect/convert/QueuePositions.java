package io.openmessaging.omsconnect.convert;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.omsconnect.api.SinkRecordOffset;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a received message sits in its queue, in the shape RocketMQ Connect gives sink records and its connectors
 * read: partition {@code {topic, brokerName, queueId}}, offset {@code {queueOffset}}, every value text (its Kafka
 * adapter casts them to {@code String}). OMS 0.3.1 has no such fields, so drivers say them in system headers of
 * the messages they hand out: {@value #QUEUE_OFFSET_HEADER} (a long that grows along the queue: the embedded
 * queue's record offset, a RabbitMQ stream's offset), {@value #QUEUE_ID_HEADER} and {@value #BROKER_NAME_HEADER}
 * where a topic is split into queues (Kafka's partitions; the broker name is read only beside a queue id). A
 * driver that says nothing of them gets queue id {@code 0} (one queue per topic, as on our other drivers), the
 * driver's name as broker name, and no {@code queueOffset}. The offset also holds the message id
 * ({@value #MESSAGE_ID}), which every driver gives; it is a {@link SinkRecordOffset}, whose text is made only
 * when read.
 *
 * <p>One partition instance per queue, not per record: sinks (ours) key their per-partition state by instance.
 * Used by one sink task's thread.
 */
public final class QueuePositions {
    /** System headers a driver may set on a received message (and on a sent one once the broker took it). */
    public static final String QUEUE_OFFSET_HEADER = "QUEUE_OFFSET";
    public static final String QUEUE_ID_HEADER = "QUEUE_ID";
    public static final String BROKER_NAME_HEADER = "BROKER_NAME";

    /** Keys of a sink record's partition and offset, RocketMQ Connect's. */
    public static final String TOPIC = "topic";
    public static final String BROKER_NAME = "brokerName";
    public static final String QUEUE_ID = "queueId";
    public static final String QUEUE_OFFSET = SinkRecordOffset.QUEUE_OFFSET;
    /** Our own offset key: the message id, for sinks on drivers that know no queue offset. */
    public static final String MESSAGE_ID = SinkRecordOffset.MESSAGE_ID;

    /** The queue of a message whose driver names none: a topic in one queue. */
    public static final String DEFAULT_QUEUE_ID = "0";

    private final String defaultBrokerName;
    /** topic → partition of messages that name no queue (every message on our drivers): one lookup per record. */
    private final Map<String, RecordPartition> byTopic = new HashMap<>();
    private final Map<String, RecordPartition> byQueue = new HashMap<>();

    /** @param defaultBrokerName the broker name of messages whose driver names none: the driver's name */
    public QueuePositions(String defaultBrokerName) {
        this.defaultBrokerName = defaultBrokerName;
    }

    /** The partition of a message received from {@code topic}. */
    public RecordPartition partitionOf(String topic, Message message) {
        KeyValue sys = message.sysHeaders();
        // one lookup for the drivers that keep a topic in one queue (ours but Kafka's): this runs for every record
        String queueId = sys.getString(QUEUE_ID_HEADER);
        if (queueId == null) {
            return partitionOf(topic);
        }
        String broker = sys.getString(BROKER_NAME_HEADER);
        String brokerName = broker != null ? broker : defaultBrokerName;
        return byQueue.computeIfAbsent(topic + '\0' + brokerName + '\0' + queueId, k -> partition(topic, brokerName, queueId));
    }

    /** The partition of {@code topic}'s queue where the driver names none (what a sink task is assigned). */
    public RecordPartition partitionOf(String topic) {
        return byTopic.computeIfAbsent(topic, t -> partition(t, defaultBrokerName, DEFAULT_QUEUE_ID));
    }

    private static RecordPartition partition(String topic, String brokerName, String queueId) {
        return new RecordPartition(Map.of(TOPIC, topic, BROKER_NAME, brokerName, QUEUE_ID, queueId));
    }

    /**
     * A received message's offset: {@value #QUEUE_OFFSET} (as text) when the driver gave it, so that a sink can skip
     * what it already wrote when the message comes again, and {@value #MESSAGE_ID} always.
     */
    public static RecordOffset offsetOf(Message message) {
        KeyValue sys = message.sysHeaders();
        // the text of the number is made only if a connector reads the map (SinkRecordOffset)
        return new RecordOffset(SinkRecordOffset.of(sys.getLong(QUEUE_OFFSET_HEADER, SinkRecordOffset.NONE),
                sys.getString(Message.BuiltinKeys.MESSAGE_ID)));
    }

    /** The queue offset an offset names (a whole number or its text), or null when it names none or not one. */
    public static Long queueOffsetOf(RecordOffset offset) {
        long queueOffset = SinkRecordOffset.queueOffsetOf(offset == null ? null : offset.getOffset());
        return queueOffset == SinkRecordOffset.NONE ? null : queueOffset;
    }
}
