package io.openmessaging.local.producer;

import io.openmessaging.Message;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.producer.BatchMessageSender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects messages until {@code commit}, which writes each queue's messages with one write (a
 * crash in the middle of that write keeps a prefix of them, never a torn record); {@code rollback}
 * and {@code close} drop what was not committed. Not thread-safe.
 */
final class LocalBatchMessageSender implements BatchMessageSender {

    private final LocalProducer producer;
    private final Map<String, List<Message>> pending = new LinkedHashMap<>();
    private boolean closed;
    private String lastQueue;
    private List<Message> lastBatch;

    LocalBatchMessageSender(LocalProducer producer) {
        this.producer = producer;
    }

    @Override
    public BatchMessageSender send(Message message) {
        checkOpen();
        String queue = LocalProducer.destination(message);
        if (!queue.equals(lastQueue)) { // a batch is nearly always for one queue: one map lookup per batch
            lastQueue = queue;
            lastBatch = pending.computeIfAbsent(queue, q -> new ArrayList<>());
        }
        lastBatch.add(message);
        return this;
    }

    @Override
    public void commit() {
        checkOpen();
        try {
            for (Map.Entry<String, List<Message>> batch : pending.entrySet()) {
                producer.sendBatch(batch.getKey(), batch.getValue());
            }
        } finally {
            clear();
        }
    }

    @Override
    public void rollback() {
        clear();
    }

    @Override
    public void close() {
        clear();
        closed = true;
    }

    private void clear() {
        pending.clear();
        lastQueue = null;
        lastBatch = null;
    }

    private void checkOpen() {
        if (closed) {
            throw new OMSRuntimeException("-1", "oms:local batch sender is closed");
        }
        producer.checkOpen();
    }
}
