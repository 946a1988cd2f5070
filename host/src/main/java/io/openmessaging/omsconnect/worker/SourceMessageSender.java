package io.openmessaging.omsconnect.worker;

import io.openmessaging.BytesMessage;
import io.openmessaging.Future;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands the messages of one {@code poll()} to the driver and returns once the driver has them all, in the
 * best way the driver offers:
 * <ol>
 *   <li>its {@link BatchMessageSender}: one commit per poll, which keeps order and lets a driver write the
 *       whole batch at once (the local driver: one write; RabbitMQ: one wait for confirms);</li>
 *   <li>else {@code sendAsync} for every message, then a wait for every future;</li>
 *   <li>else (no async either, or {@value #SEND_ASYNC}{@code =false}) {@code send} one by one.</li>
 * </ol>
 * {@value #SEND_BATCH}{@code =false} skips the first. Batches and async sends fail as a whole: the task
 * fails and its records are sent again from the last stored position (at-least-once). One per task, called
 * by one thread at a time.
 */
final class SourceMessageSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceMessageSender.class);
    private static final long SEND_TIMEOUT_MS = 30_000;
    /** Connector config: use the driver's batch sender when it has one (default true). */
    static final String SEND_BATCH = ConnectorKeys.SEND_BATCH;
    /**
     * Connector config: with no batch sender, send with {@code sendAsync} (default true) or one {@code send}
     * at a time. OMS promises no order among async sends, and some drivers reorder them (RocketMQ's client runs
     * them on a thread pool); {@code false} keeps a topic's records in source order on such drivers.
     */
    static final String SEND_ASYNC = ConnectorKeys.SEND_ASYNC;

    private final ConnectorTaskId id;
    private final Producer producer;
    private BatchMessageSender batch;
    private boolean async; // read and cleared by the send thread only, after construction

    SourceMessageSender(ConnectorTaskId id, Producer producer, ConnectorConfig config) {
        this.id = id;
        this.producer = producer;
        this.async = config.getBoolean(SEND_ASYNC);
        if (config.getBoolean(SEND_BATCH)) {
            try {
                batch = producer.createBatchMessageSender();
            } catch (OMSNotSupportedException | UnsupportedOperationException e) {
                batch = null;
            }
        }
        log.debug("Task {} sends {}", id, batch != null ? "in batches" : async ? "asynchronously" : "one message at a time");
    }

    /**
     * Sends {@code messages} and waits until the driver acknowledged all of them. One call at a time: the
     * task's send thread makes them, one batch after the other.
     *
     * @return one result per message, in order; null entries where the driver gives none (batches)
     * @throws ConnectException when a message was not acknowledged
     */
    List<SendResult> send(List<BytesMessage> messages) {
        List<SendResult> results = new ArrayList<>(messages.size());
        if (messages.isEmpty()) {
            return results;
        }
        if (batch != null) {
            sendBatch(messages, results);
        } else if (async) {
            sendAsync(messages, results);
        } else {
            for (BytesMessage message : messages) {
                results.add(producer.send(message));
            }
        }
        return results;
    }

    private void sendBatch(List<BytesMessage> messages, List<SendResult> results) {
        for (BytesMessage message : messages) {
            batch.send(message);
        }
        try {
            batch.commit();
        } catch (RuntimeException e) {
            batch.rollback();
            throw new ConnectException("batch of " + messages.size() + " messages not acknowledged: " + e, e);
        }
        for (int i = 0; i < messages.size(); i++) {
            results.add(null);
        }
    }

    private void sendAsync(List<BytesMessage> messages, List<SendResult> results) {
        List<Future<SendResult>> pending = new ArrayList<>(messages.size());
        // once the driver refuses an async send it gets none again: sync results only ever follow async ones
        List<SendResult> synchronous = new ArrayList<>();
        for (BytesMessage message : messages) {
            if (async) {
                try {
                    pending.add(producer.sendAsync(message));
                    continue;
                } catch (OMSNotSupportedException e) {
                    log.info("Task {}: driver has no async send, sending synchronously", id);
                    async = false;
                }
            }
            synchronous.add(producer.send(message));
        }
        for (Future<SendResult> f : pending) {
            results.add(await(f));
        }
        results.addAll(synchronous);
    }

    private static SendResult await(Future<SendResult> f) {
        SendResult r = f.get(SEND_TIMEOUT_MS);
        if (r == null && f.getThrowable() != null) {
            throw new ConnectException("send failed: " + f.getThrowable(), f.getThrowable());
        }
        if (r == null && !f.isDone()) {
            throw new ConnectException("send not acknowledged within " + SEND_TIMEOUT_MS + " ms");
        }
        return r;
    }

    @Override
    public void close() {
        if (batch != null) {
            batch.close();
        }
    }
}
