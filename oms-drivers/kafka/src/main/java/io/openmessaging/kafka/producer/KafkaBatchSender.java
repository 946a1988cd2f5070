package io.openmessaging.kafka.producer;

import io.openmessaging.Message;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.kafka.message.RecordCodec;
import io.openmessaging.producer.BatchMessageSender;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects messages and, on {@link #commit()}, hands them all to Kafka, flushes, and waits once for every
 * acknowledgement. {@link #rollback()} discards what was collected: nothing leaves before commit. Not atomic
 * (no Kafka transaction): when commit fails, the messages acknowledged before are stored (at-least-once: send
 * again). Not thread-safe: one batch per thread.
 */
final class KafkaBatchSender implements BatchMessageSender {
    private final KafkaOmsProducer producer;
    private final List<Message> batch = new ArrayList<>();
    private boolean closed;

    KafkaBatchSender(KafkaOmsProducer producer) {
        this.producer = producer;
    }

    @Override
    public BatchMessageSender send(Message message) {
        checkOpen();
        RecordCodec.topic(message); // fail now, not at commit, for a message with no topic
        batch.add(message);
        return this;
    }

    @Override
    public void commit() {
        checkOpen();
        if (batch.isEmpty()) {
            return;
        }
        List<SendPromise> promises;
        try {
            promises = producer.dispatch(batch);
        } finally {
            batch.clear();
        }
        producer.flush();
        int failed = 0;
        RuntimeException first = null;
        for (SendPromise promise : promises) {
            try {
                producer.await(promise, null);
            } catch (RuntimeException e) {
                failed++;
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new OMSRuntimeException("-1", failed + " of " + promises.size()
                    + " messages of the batch were not acknowledged (the others are stored): " + first.getMessage(), first);
        }
    }

    @Override
    public void rollback() {
        batch.clear();
    }

    @Override
    public void close() {
        batch.clear();
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new OMSRuntimeException("-1", "This batch sender is closed");
        }
    }
}
