package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.Message;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.convert.QueuePositions;

import java.util.List;
import java.util.Map;

/**
 * A seek: read {@code topic} (its queue {@code queueId}, or all of its queues when null) from {@code queueOffset} on.
 * OMS 0.3.1 has no seek call: a driver is asked with {@code attachQueue(topic, attributes())}, whose attributes are
 * the system headers in which the driver gives a message's position ({@code QUEUE_OFFSET}, and {@code QUEUE_ID} where a
 * topic has several queues, as on Kafka). Drivers that cannot seek throw {@code OMSNotSupportedException}; Apache's
 * RocketMQ driver ignores the attributes.
 */
public record QueueSeek(String topic, String queueId, long queueOffset) {

    /**
     * The seek of a sink record's partition ({@code {"topic", "queueId"?, …}}) to {@code queueOffset}.
     *
     * @throws IllegalArgumentException when the partition names none of {@code topics}
     */
    public static QueueSeek of(RecordPartition partition, List<String> topics, long queueOffset) {
        Map<String, ?> entries = partition == null ? null : partition.getPartition();
        Object topic = entries == null ? null : entries.get(QueuePositions.TOPIC);
        if (topic == null || !topics.contains(topic.toString())) {
            throw new IllegalArgumentException("a sink's partition is {\"" + QueuePositions.TOPIC + "\": <one of " + topics
                    + ">}, not " + entries);
        }
        Object queueId = entries.get(QueuePositions.QUEUE_ID);
        return new QueueSeek(topic.toString(), queueId == null ? null : queueId.toString(), queueOffset);
    }

    /** What {@code attachQueue} is given. */
    KeyValue attributes() {
        KeyValue attributes = new DefaultKeyValue().put(QueuePositions.QUEUE_OFFSET_HEADER, queueOffset);
        if (queueId != null) {
            attributes.put(QueuePositions.QUEUE_ID_HEADER, queueId);
        }
        return attributes;
    }

    /** Whether {@code message} is of the queue this seeks in (a message naming no queue is of queue 0). */
    boolean covers(Message message) {
        KeyValue sys = message.sysHeaders();
        if (!topic.equals(sys.getString(Message.BuiltinKeys.DESTINATION))) {
            return false;
        }
        if (queueId == null) {
            return true;
        }
        String ofMessage = sys.getString(QueuePositions.QUEUE_ID_HEADER);
        return queueId.equals(ofMessage != null ? ofMessage : QueuePositions.DEFAULT_QUEUE_ID);
    }
}
