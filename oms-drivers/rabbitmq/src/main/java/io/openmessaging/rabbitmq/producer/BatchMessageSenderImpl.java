package io.openmessaging.rabbitmq.producer;

import io.openmessaging.Message;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.rabbitmq.message.AmqpMessageCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects messages and, on {@link #commit()}, publishes them back to back and waits once for the
 * broker to confirm them all. {@link #rollback()} discards what was collected: nothing leaves before
 * commit. Not atomic: if commit fails, some of the messages may be stored (at-least-once: send again).
 * Not thread-safe: one batch per thread.
 */
final class BatchMessageSenderImpl implements BatchMessageSender {
    private final ProducerImpl producer;
    private final List<Message> batch = new ArrayList<>();
    private boolean closed;

    BatchMessageSenderImpl(ProducerImpl producer) {
        this.producer = producer;
    }

    @Override
    public BatchMessageSender send(Message message) {
        checkOpen();
        AmqpMessageCodec.destination(message); // fail now, not at commit, for a message with no topic
        batch.add(message);
        return this;
    }

    @Override
    public void commit() {
        checkOpen();
        if (batch.isEmpty()) {
            return;
        }
        List<SendFuture> futures;
        try {
            futures = producer.publish(batch, null, true);
        } finally {
            batch.clear();
        }
        long deadline = System.currentTimeMillis() + producer.timeout(null);
        int failed = 0;
        RuntimeException first = null;
        for (SendFuture future : futures) {
            try {
                future.get(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (RuntimeException e) {
                failed++;
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new OMSRuntimeException("-1", failed + " of " + futures.size()
                    + " messages of the batch were not confirmed (the others are stored): " + first.getMessage(), first);
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
