package io.openmessaging.omsconnect.worker;

import io.openmessaging.BytesMessage;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.convert.RecordMessageCodec;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * The dead letter queue of a task: failed records go to {@code errors.deadletterqueue.topic.name} through
 * the connector's own driver, with the error context in user headers ({@code omsconnect-error-*}). For a
 * sink the original message body is kept as is; for a source, the record's value as text.
 */
final class DeadLetterQueue implements ErrorPolicy.FailedRecordSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueue.class);
    static final String ERROR_HEADER = RecordMessageCodec.HEADER_PREFIX + "error-";

    private final ConnectorTaskId id;
    private final String topic;
    private final Producer producer;

    DeadLetterQueue(ConnectorTaskId id, String topic, MessagingAccessPoint accessPoint) {
        this.id = id;
        this.topic = topic;
        this.producer = accessPoint.createProducer();
        producer.startup();
    }

    @Override
    public void report(ErrorPolicy.Stage stage, Object record, Throwable error) {
        byte[] body;
        String originalTopic = null;
        if (record instanceof Message m) {
            body = m.getBody(byte[].class);
            originalTopic = m.sysHeaders().getString(Message.BuiltinKeys.DESTINATION);
        } else if (record instanceof ConnectRecord r) {
            body = String.valueOf(r.getData()).getBytes(StandardCharsets.UTF_8);
        } else {
            body = String.valueOf(record).getBytes(StandardCharsets.UTF_8);
        }
        BytesMessage dead = producer.createBytesMessage(topic, body == null ? new byte[0] : body);
        dead.putUserHeaders(ERROR_HEADER + "connector", id.connector());
        dead.putUserHeaders(ERROR_HEADER + "task", String.valueOf(id.task()));
        dead.putUserHeaders(ERROR_HEADER + "stage", stage.name());
        dead.putUserHeaders(ERROR_HEADER + "class", error.getClass().getName());
        dead.putUserHeaders(ERROR_HEADER + "message", String.valueOf(error.getMessage()));
        if (originalTopic != null) {
            dead.putUserHeaders(ERROR_HEADER + "topic", originalTopic);
        }
        try {
            producer.send(dead);
        } catch (RuntimeException e) {
            // the DLQ failing must not lose the record silently: fail the task instead
            log.error("Task {}: dead letter queue {} refused a record: {}", id, topic, e.toString());
            throw e;
        }
    }

    @Override
    public void close() {
        producer.shutdown();
    }
}
