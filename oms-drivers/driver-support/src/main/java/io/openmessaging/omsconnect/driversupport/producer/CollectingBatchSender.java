package io.openmessaging.omsconnect.driversupport.producer;

import io.openmessaging.Message;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.producer.BatchMessageSender;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects messages and, on {@link #commit()}, hands them all to the broker back to back and then waits for
 * every acknowledgement: a batch costs one wait, not one per message. {@link #rollback()} discards what was
 * collected: nothing leaves before commit. Not atomic: when commit fails, the messages acknowledged before are
 * stored (at-least-once: send the batch again). Not thread-safe: one batch per thread.
 */
public final class CollectingBatchSender implements BatchMessageSender {
    private final Consumer<Message> check;
    private final BatchDispatcher dispatcher;
    private final List<Message> batch = new ArrayList<>();
    private boolean closed;

    /**
     * @param check      fails (an OMSRuntimeException) for a message that could never be sent, e.g. one with no
     *                   destination: it is refused at {@code send}, where the caller can tell which message it
     *                   was, not at commit
     * @param dispatcher hands a committed batch to the broker
     */
    public CollectingBatchSender(Consumer<Message> check, BatchDispatcher dispatcher) {
        this.check = check;
        this.dispatcher = dispatcher;
    }

    @Override
    public BatchMessageSender send(Message message) {
        checkOpen();
        check.accept(message);
        batch.add(message);
        return this;
    }

    /**
     * Sends what was collected and returns once the broker acknowledged all of it. Waits for every message even
     * after one failed, so that the exception can tell how many were not stored.
     */
    @Override
    public void commit() {
        checkOpen();
        if (batch.isEmpty()) {
            return;
        }
        List<? extends BatchDispatcher.Acknowledgement> acks;
        try {
            acks = dispatcher.dispatch(batch);
        } finally {
            batch.clear(); // a batch that failed to leave is not sent again by the next commit
        }
        int failed = 0;
        RuntimeException first = null;
        for (BatchDispatcher.Acknowledgement ack : acks) {
            try {
                ack.await();
            } catch (RuntimeException e) {
                failed++;
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new OMSRuntimeException("-1", failed + " of " + acks.size()
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
