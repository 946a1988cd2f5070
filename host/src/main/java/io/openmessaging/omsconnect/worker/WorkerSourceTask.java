package io.openmessaging.omsconnect.worker;

import io.openmessaging.BytesMessage;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.connector.api.component.task.source.SourceTask;
import io.openmessaging.connector.api.component.task.source.SourceTaskContext;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.data.RecordPosition;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.connector.api.errors.RetriableException;
import io.openmessaging.connector.api.storage.OffsetStorageReader;
import io.openmessaging.omsconnect.api.RecordTopic;
import io.openmessaging.omsconnect.convert.RecordMessageCodec;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.store.OffsetStore;
import io.openmessaging.omsconnect.transform.TransformChain;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Source side: {@code poll()} → transforms → converter → OMS message on the record's topic → sent by the
 * task's send thread → once the driver acknowledged the whole batch, {@code commit(record)} and the records'
 * positions marked; marked positions are flushed to the {@link OffsetStore} every flush interval, before a
 * pause and on stop. A position is never stored before its record was acknowledged, so a crash loses nothing
 * and repeats at most what was sent since the last flush.
 *
 * <p>One batch is in flight while the next is polled and converted (as Kafka Connect's source tasks never
 * wait for the producer before polling again): the driver's write of a batch overlaps the connector's
 * reading of the next, and batches still go out one after the other, in order. A batch that fails fails the
 * task before the next one is sent.
 */
final class WorkerSourceTask extends WorkerTask {
    private static final Logger log = LoggerFactory.getLogger(WorkerSourceTask.class);
    private static final long RETRIABLE_POLL_BACKOFF_MS = 100;

    private final SourceTask task;
    private final Map<String, String> taskConfig;
    private final ConnectorConfig connectorConfig;
    /** the connector's topic, for records that name none: read once, not per record */
    private final String defaultTopic;
    private final MessagingAccessPoint accessPoint;
    private final RecordMessageCodec codec;
    private final TransformChain transforms;
    private final OffsetStore positions;
    private final long flushIntervalMs;
    private final ErrorPolicy errors;
    private final SendMetadata sendMetadata;
    private final Map<RecordPartition, RecordOffset> unflushed = new LinkedHashMap<>();
    private Producer producer;
    private SourceMessageSender sender;
    private ExecutorService sendThread;
    private InFlight inFlight;
    private long lastFlush = System.currentTimeMillis();
    /** The positions being written, if any: at most one write at a time, so that they are stored in order. */
    private CompletableFuture<Void> storing;
    private boolean callbackFailureLogged;

    WorkerSourceTask(ConnectorTaskId id, SourceTask task, Map<String, String> taskConfig,
                     ConnectorConfig connectorConfig, MessagingAccessPoint accessPoint, RecordMessageCodec codec,
                     TransformChain transforms, OffsetStore positions, SendMetadata sendMetadata, long flushIntervalMs,
                     ErrorPolicy errors, StatusTracker statuses, TaskMetrics metrics, boolean startPaused) {
        super(id, task.getClass().getClassLoader(), statuses, metrics, startPaused);
        this.errors = errors;
        this.task = task;
        this.taskConfig = taskConfig;
        this.connectorConfig = connectorConfig;
        this.defaultTopic = connectorConfig.topic();
        this.accessPoint = accessPoint;
        this.codec = codec;
        this.transforms = transforms;
        this.positions = positions;
        this.sendMetadata = sendMetadata;
        this.flushIntervalMs = flushIntervalMs;
    }

    @Override
    protected void initialize() {
        producer = accessPoint.createProducer();
        producer.startup();
        sender = new SourceMessageSender(id, producer, connectorConfig);
        sendThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "task-" + id.connector() + "-" + id.task() + "-send");
            thread.setDaemon(true);
            return thread;
        });
        task.init(new Context());
        task.start(KeyValues.of(taskConfig));
    }

    @Override
    protected void execute() throws Exception {
        List<ConnectRecord> polled;
        try {
            polled = task.poll();
        } catch (RetriableException e) {
            // as Kafka Connect: the connector says "not now", not "broken"; poll again on the next round
            metrics.retries.increment();
            log.warn("Task {}: poll failed with a retriable error, polling again in {} ms: {}", id,
                    RETRIABLE_POLL_BACKOFF_MS, e.toString());
            completeInFlight();
            Thread.sleep(RETRIABLE_POLL_BACKOFF_MS); // a connector that keeps saying "not now" must not spin
            maybeFlush();
            return;
        }
        if (isCancelled()) {
            return; // abandoned while in poll: a new run of the task sends these records, not this one
        }
        if (polled == null || polled.isEmpty()) {
            completeInFlight();
            maybeFlush();
            return;
        }
        metrics.recordsPolled.add(polled.size());
        List<ConnectRecord> sent = new ArrayList<>(polled.size());
        List<BytesMessage> messages = new ArrayList<>(polled.size());
        codec.newBatch();
        boolean transformsRun = !transforms.isEmpty();
        for (ConnectRecord record : polled) {
            if (transformsRun) {
                codec.newBatch(); // a transform may change a schema object in place between records
                presetTopic(record);
            }
            // no transforms, no stage: a lambda and an Optional per record were a share of the pipeline's cost
            Optional<ConnectRecord> transformed = !transformsRun ? Optional.of(record)
                    : errors.execute(ErrorPolicy.Stage.TRANSFORM, record, () -> Optional.ofNullable(transforms.apply(record)));
            if (transformed == null) {
                continue; // failed and tolerated
            }
            if (transformed.isEmpty()) {
                metrics.recordsFiltered.increment();
                continue;
            }
            ConnectRecord r = transformed.get();
            BytesMessage message;
            try {
                String topic = topicOf(r);
                topicUsed(topic);
                message = codec.toMessage(producer, topic, r);
            } catch (Throwable failure) {
                message = errors.recover(ErrorPolicy.Stage.CONVERT, r, () -> codec.toMessage(producer, topicOf(r), r), failure);
            }
            if (message == null) {
                continue;
            }
            messages.add(message);
            sent.add(record);
        }
        completeInFlight();
        inFlight = new InFlight(polled, sent, messages, sendThread.submit(() -> sender.send(messages)));
        maybeFlush();
    }

    /**
     * A batch handed to the send thread: what was polled, what was sent of it (the records and their messages,
     * where the driver writes the messages' queue positions) and the driver's answer.
     */
    private record InFlight(List<ConnectRecord> polled, List<ConnectRecord> sent, List<BytesMessage> messages,
                            Future<List<SendResult>> results) {
    }

    /**
     * Waits for the batch in flight, if any; then commits its records to the connector and marks their
     * positions. A failed batch fails the task: its records' positions are never stored.
     */
    private void completeInFlight() throws InterruptedException {
        InFlight batch = inFlight;
        if (batch == null) {
            return;
        }
        inFlight = null;
        List<SendResult> results;
        try {
            results = batch.results().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof ConnectException ce ? ce : new ConnectException("send failed: " + cause, cause);
        }
        List<ConnectRecord> sent = batch.sent();
        metrics.recordsSent.add(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            try {
                task.commit(sent.get(i), sendMetadata.of(batch.messages().get(i), results.get(i)));
            } catch (RuntimeException | LinkageError e) {
                callbackFailed("commit(record, metadata)", e);
            }
        }
        // positions of dropped records advance too: the source must not read them again. Only the last
        // position of each partition counts: a run of records of one partition is stored once.
        RecordPosition pending = null;
        for (ConnectRecord record : batch.polled()) {
            RecordPosition pos = record.getPosition();
            if (pos == null || pos.getPartition() == null || pos.getOffset() == null) {
                continue;
            }
            if (pending != null && pending.getPartition() != pos.getPartition()) {
                unflushed.put(pending.getPartition(), pending.getOffset());
            }
            pending = pos;
        }
        if (pending != null) {
            unflushed.put(pending.getPartition(), pending.getOffset());
        }
    }

    /** Transforms see (and routers change) the topic where {@link RecordTopic} says it is. */
    private void presetTopic(ConnectRecord record) {
        if (RecordTopic.of(record) == null) {
            String topic = defaultTopic;
            if (topic == null && record.getPosition() != null && record.getPosition().getPartition() != null) {
                Object t = record.getPosition().getPartition().getPartition().get("topic");
                topic = t == null ? null : t.toString();
            }
            if (topic != null) {
                RecordTopic.set(record, topic);
            }
        }
    }

    private String topicOf(ConnectRecord record) {
        String topic = RecordTopic.of(record); // blank is absent, as RocketMQ Connect treats it
        if (topic == null) {
            topic = defaultTopic;
        }
        if (topic == null && record.getPosition() != null && record.getPosition().getPartition() != null) {
            Object t = record.getPosition().getPartition().getPartition().get("topic");
            topic = t == null ? null : t.toString();
        }
        if (topic == null) {
            throw new ConnectException("record has no topic: set " + ConnectorConfig.TOPIC
                    + " in the connector config or a \"topic\" extension on the record");
        }
        return topic;
    }

    private void maybeFlush() throws InterruptedException {
        if (System.currentTimeMillis() - lastFlush >= flushIntervalMs) {
            flushPositions();
        }
    }

    /**
     * Hands the positions marked since the last flush to the store and polls on while they are written (in a
     * cluster, a round trip through the log). The connector's {@code commit()} is told once they are stored;
     * a write that failed (the task lost its assignment, the cluster took no change in time) fails the task at
     * the next flush, which never starts while the last write is still on its way.
     */
    private void flushPositions() throws InterruptedException {
        if (storing != null && !storing.isDone()) {
            return; // the next round tries again; what was marked meanwhile waits in unflushed
        }
        lastFlush = System.currentTimeMillis();
        completeStoring(false);
        if (unflushed.isEmpty() || isCancelled()) {
            return;
        }
        storing = positions.commitAsync(id.connector(), id, new LinkedHashMap<>(unflushed));
        unflushed.clear();
        metrics.lastCommitMillis.set(lastFlush);
    }

    /** Flushes and waits until the positions are stored: before a pause and on the way out. */
    private void flushPositionsAndWait() throws InterruptedException {
        completeStoring(true);
        flushPositions();
        completeStoring(true);
    }

    /**
     * Ends the last write of positions once it is done ({@code wait}: waits for it): tells the connector, or
     * fails the task with the store's reason.
     */
    private void completeStoring(boolean wait) throws InterruptedException {
        CompletableFuture<Void> write = storing;
        if (write == null || (!wait && !write.isDone())) {
            return;
        }
        storing = null;
        try {
            write.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new ConnectException("positions not stored: " + cause, cause);
        }
        try {
            task.commit();
        } catch (RuntimeException | LinkageError e) {
            callbackFailed("commit()", e);
        }
    }

    /**
     * A throw from one of the connector's commit callbacks: the records were sent and their positions are
     * marked all the same (as Kafka Connect does), since failing the task would send them all again at every
     * restart. Counted in every case, logged once per task run so that a callback failing for every record
     * does not flood the log.
     */
    private void callbackFailed(String callback, Throwable e) {
        metrics.commitErrors.increment();
        if (!callbackFailureLogged) {
            callbackFailureLogged = true;
            log.warn("Task {} of connector {}: {} threw {}; the records were sent and their positions are kept. Further"
                    + " failures of the connector's commit callbacks are counted (omsconnect_task_commit_errors_total), not"
                    + " logged", id, id.connector(), callback, e.toString());
        }
    }

    @Override
    protected void beforePause() throws InterruptedException {
        completeInFlight();
        flushPositionsAndWait();
    }

    @Override
    protected void close() {
        try {
            try {
                completeInFlight();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("Task {}: stopped while its last batch was in flight; it is sent again after a restart", id);
            } catch (RuntimeException e) {
                log.warn("Task {}: its last batch failed ({}); it is sent again after a restart", id, e.toString());
            }
            if (!isCancelled()) {
                try {
                    flushPositionsAndWait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    log.warn("Task {}: stopped while its last positions were being stored; what follows the last "
                            + "stored ones is sent again after a restart", id);
                }
            }
        } finally {
            try {
                task.stop();
            } finally {
                transforms.close();
                if (sendThread != null) {
                    sendThread.shutdownNow();
                }
                if (sender != null) {
                    sender.close();
                }
                if (producer != null) {
                    producer.shutdown();
                }
            }
        }
    }

    private final class Context extends TaskContextBase implements SourceTaskContext {
        Context() {
            super(id, taskConfig);
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public RecordOffset readOffset(RecordPartition partition) {
                    return positions.position(id.connector(), partition);
                }

                @Override
                public Map<RecordPartition, RecordOffset> readOffsets(Collection<RecordPartition> partitions) {
                    Map<RecordPartition, RecordOffset> out = new LinkedHashMap<>();
                    for (RecordPartition p : partitions) {
                        RecordOffset o = positions.position(id.connector(), p);
                        if (o != null) {
                            out.put(p, o);
                        }
                    }
                    return out;
                }
            };
        }

    }
}
