package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.omsconnect.convert.QueuePositions;
import io.openmessaging.producer.SendResult;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code SourceTask.commit(record, metadata)} is told of a record the queue took, in RocketMQ Connect's keys:
 * {@code send.status}, {@code msg.id}, {@code topic}, {@code broker.name}, {@code queue.id}, and
 * {@code queue.offset} where the driver knows it. OMS 0.3.1's {@code SendResult} has the message id only; a
 * driver says where the message went by writing {@link QueuePositions}' system headers on the sent message (the
 * embedded queue writes its offset; a RabbitMQ publisher confirm carries none). The position is also given
 * under the names of a sink record's partition and offset ({@code brokerName}, {@code queueId},
 * {@code queueOffset}), which is where RocketMQ Connect's Kafka-connector adapter looks for it, and the id
 * under {@code messageId}, as earlier versions of this worker gave it.
 */
final class SendMetadata {
    static final String SEND_STATUS = "send.status";
    /** A send that failed fails the task: the records committed are the ones the queue took. */
    static final String SEND_OK = "SEND_OK";
    static final String MSG_ID = "msg.id";
    static final String TOPIC = "topic";
    static final String BROKER_NAME = "broker.name";
    static final String QUEUE_ID = "queue.id";
    static final String QUEUE_OFFSET = "queue.offset";

    private final String defaultBrokerName;

    /** @param defaultBrokerName the broker name where the driver names none: the driver's name */
    SendMetadata(String defaultBrokerName) {
        this.defaultBrokerName = defaultBrokerName;
    }

    /**
     * The metadata of {@code sent}, which the driver acknowledged with {@code result} (null for a batch). Built
     * when the connector first reads it: most connectors never do, and this runs for every record sent.
     */
    Map<String, String> of(Message sent, SendResult result) {
        return new AbstractMap<>() {
            private Map<String, String> built;

            @Override
            public Set<Entry<String, String>> entrySet() {
                if (built == null) {
                    built = Collections.unmodifiableMap(build(sent, result));
                }
                return built.entrySet();
            }
        };
    }

    private Map<String, String> build(Message sent, SendResult result) {
        KeyValue sys = sent.sysHeaders();
        Map<String, String> metadata = new HashMap<>(16);
        metadata.put(SEND_STATUS, SEND_OK);
        String messageId = result != null && result.messageId() != null ? result.messageId()
                : sys.getString(Message.BuiltinKeys.MESSAGE_ID);
        if (messageId != null) {
            metadata.put(MSG_ID, messageId);
            metadata.put(QueuePositions.MESSAGE_ID, messageId);
        }
        metadata.put(TOPIC, sys.getString(Message.BuiltinKeys.DESTINATION));
        both(metadata, BROKER_NAME, QueuePositions.BROKER_NAME, Objects.requireNonNullElse(sys.getString(QueuePositions.BROKER_NAME_HEADER), defaultBrokerName));
        both(metadata, QUEUE_ID, QueuePositions.QUEUE_ID, Objects.requireNonNullElse(sys.getString(QueuePositions.QUEUE_ID_HEADER), QueuePositions.DEFAULT_QUEUE_ID));
        if (sys.containsKey(QueuePositions.QUEUE_OFFSET_HEADER)) {
            both(metadata, QUEUE_OFFSET, QueuePositions.QUEUE_OFFSET, Long.toString(sys.getLong(QueuePositions.QUEUE_OFFSET_HEADER)));
        }
        return metadata;
    }

    private static void both(Map<String, String> metadata, String dotted, String camel, String value) {
        metadata.put(dotted, value);
        metadata.put(camel, value);
    }
}
