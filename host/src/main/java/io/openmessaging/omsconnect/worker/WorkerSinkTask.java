package io.openmessaging.omsconnect.worker;

import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.connector.api.component.task.sink.ErrorRecordReporter;
import io.openmessaging.connector.api.component.task.sink.SinkTask;
import io.openmessaging.connector.api.component.task.sink.SinkTaskContext;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.errors.RetriableException;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.convert.QueuePositions;
import io.openmessaging.omsconnect.convert.RecordMessageCodec;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.transform.TransformChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sink side: pull a batch from the connector's queues (consumer group = connector name) → converter →
 * transforms → {@code put()}; every flush interval, when idle, before a pause and on stop, {@code preCommit()}
 * (which flushes) and only then the messages whose records were put are acked. Nothing is acked that the
 * connector did not take: a batch whose put failed is put again (retriable) or never acked (the task fails),
 * and a failed preCommit acks nothing. A crash before the ack makes the driver deliver them again:
 * at-least-once, nothing lost, duplicates only since the last commit. The messages come through {@link SinkMessages}: by default a
 * fetch thread reads the next batches while this thread converts and writes (see {@link PrefetchedSinkMessages}).
 */
final class WorkerSinkTask extends WorkerTask {
    private static final Logger log = LoggerFactory.getLogger(WorkerSinkTask.class);
    static final String BATCH_SIZE = ConnectorKeys.SINK_BATCH_SIZE;
    /**
     * Commit (flush, then ack) once this many messages wait for their ack, whatever the flush interval:
     * brokers stop delivering when a consumer holds too many unacked messages (RabbitMQ's prefetch,
     * 1000 by default), which would cap a sink at that many records per flush interval.
     */
    static final String COMMIT_MAX_RECORDS = ConnectorKeys.SINK_COMMIT_MAX_RECORDS;
    private static final int POLL_TIMEOUT_MS = 200;
    private static final long RETRY_INITIAL_DELAY_MS = 100;

    private final SinkTask task;
    private final Map<String, String> taskConfig;
    private final List<String> topics;
    private final MessagingAccessPoint accessPoint;
    private final RecordMessageCodec codec;
    private final TransformChain transforms;
    private final long flushIntervalMs;
    private final int batchSize;
    private final int commitMaxRecords;
    private final String consumerGroup;
    private final ErrorPolicy errors;
    private final long retryDelayMaxMs;
    /** Handles of the messages the connector took since the last commit; handed to {@link #messages} on commit. */
    private List<String> unacked = new ArrayList<>();
    /** Offsets of the records the connector took (put returned) since the task started: preCommit's argument. */
    private final Map<RecordPartition, RecordOffset> currentOffsets = new HashMap<>();
    /** A batch whose put failed with a RetriableException: put again at {@link #retryAt}, before anything new. */
    private Batch retrying;
    private long retryAt;
    private long retryDelayMs = RETRY_INITIAL_DELAY_MS;
    /** One partition object per queue, not one per record: it is the key of {@link #currentOffsets}. */
    private final QueuePositions positions;
    private final Set<String> pausedTopics = new LinkedHashSet<>();
    /** Seeks the connector asked for ({@code resetOffset}), the last per queue; made between two puts. */
    private final Map<String, QueueSeek> seeks = new LinkedHashMap<>();
    private final boolean prefetch;
    private PullConsumer consumer;
    private volatile SinkMessages messages; // volatile: abandon() closes it from another thread
    private long lastCommit = System.currentTimeMillis();

    WorkerSinkTask(ConnectorTaskId id, SinkTask task, Map<String, String> taskConfig, ConnectorConfig connectorConfig,
                   MessagingAccessPoint accessPoint, QueuePositions positions, RecordMessageCodec codec,
                   TransformChain transforms, long flushIntervalMs, ErrorPolicy errors, StatusTracker statuses, TaskMetrics metrics,
                   boolean startPaused) {
        super(id, task.getClass().getClassLoader(), statuses, metrics, startPaused);
        this.errors = errors;
        this.task = task;
        this.taskConfig = taskConfig;
        this.topics = connectorConfig.topics();
        this.accessPoint = accessPoint;
        this.positions = positions;
        this.codec = codec;
        this.transforms = transforms;
        this.flushIntervalMs = flushIntervalMs;
        this.batchSize = connectorConfig.getInt(BATCH_SIZE);
        this.commitMaxRecords = connectorConfig.getInt(COMMIT_MAX_RECORDS);
        this.consumerGroup = consumerGroup(id.connector(), connectorConfig);
        this.prefetch = connectorConfig.getBoolean(SinkMessages.PREFETCH);
        this.retryDelayMaxMs = Math.max(RETRY_INITIAL_DELAY_MS, connectorConfig.getLong(ErrorPolicy.RETRY_DELAY_MAX));
    }

    /** A started consumer of {@code group} reading {@code topics}; shut down again when it cannot start. */
    static PullConsumer startedConsumer(MessagingAccessPoint accessPoint, String group, Collection<String> topics) {
        PullConsumer consumer = accessPoint.createPullConsumer(new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, group));
        try {
            topics.forEach(consumer::attachQueue);
            consumer.startup();
            return consumer;
        } catch (RuntimeException e) {
            try {
                consumer.shutdown();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    /** A sink connector's consumer group: its {@code consumer-group}, by default its name. */
    static String consumerGroup(String connector, ConnectorConfig config) {
        String group = config.getString(ConnectorKeys.CONSUMER_GROUP);
        return group != null ? group : connector;
    }

    @Override
    protected void initialize() {
        consumer = startedConsumer(accessPoint, consumerGroup, topics);
        messages = prefetch ? PrefetchedSinkMessages.start(id, consumer, batchSize) : new DirectSinkMessages(consumer, POLL_TIMEOUT_MS);
        task.init(new Context());
        task.start(KeyValues.of(taskConfig));
    }

    @Override
    protected void execute() throws InterruptedException {
        // before anything is taken: what the connector asked in its last put, or in start, comes first
        seekIfAsked();
        Batch batch = retrying;
        if (batch != null) {
            long wait = retryAt - System.currentTimeMillis();
            if (wait > 0) {
                // consumption stays paused while a put waits for its retry: nothing new is taken meanwhile
                Thread.sleep(Math.min(wait, POLL_TIMEOUT_MS));
            } else {
                deliver(batch);
            }
            commitIfDue(false);
            return;
        }
        batch = take();
        deliver(batch);
        // idle (nothing came for a poll timeout) with records not committed: commit now, not at the flush
        // interval, so that a trickle of records reaches the sink's target (the file sink writes out on commit)
        // within a poll timeout; under load polls are never idle and commits keep to the interval
        commitIfDue(batch.handles().isEmpty());
    }

    /**
     * Makes the seeks the connector asked for with {@code resetOffset}, as Kafka Connect rewinds before its next poll:
     * first what was put is committed (acks of messages from before a seek could otherwise count for the
     * ones it brings again; a driver forgets them at the seek), then the driver reads each topic from the
     * offset given. A driver that cannot seek is logged and the task reads on.
     */
    private void seekIfAsked() {
        if (seeks.isEmpty() || retrying != null) {
            return;
        }
        commit();
        if (!unacked.isEmpty()) {
            return; // preCommit failed with a retriable error: seek after the next commit
        }
        for (Iterator<QueueSeek> it = seeks.values().iterator(); it.hasNext(); ) {
            QueueSeek seek = it.next();
            it.remove();
            try {
                messages.seek(seek);
                log.info("Task {}: reads topic {} queue {} from queue offset {} on (resetOffset)", id, seek.topic(),
                        seek.queueId(), seek.queueOffset());
            } catch (OMSNotSupportedException e) {
                log.warn("Task {}: resetOffset of topic {} ignored: the driver cannot seek ({})", id, seek.topic(), e.getMessage());
            }
        }
    }

    /**
     * What one round took from the queue: the records for {@code put()}, the ack handles of every message
     * (records dropped by a transform or a tolerated error included) and the offsets handed to preCommit once
     * the records were put (only the last of each run of one partition's records).
     */
    private record Batch(List<ConnectRecord> records, List<String> handles, Map<RecordPartition, RecordOffset> offsets) {
    }

    private Batch take() throws InterruptedException {
        int limit = Math.min(batchSize, commitMaxRecords);
        List<ConnectRecord> records = new ArrayList<>(limit);
        List<String> handles = new ArrayList<>(limit);
        Map<RecordPartition, RecordOffset> offsets = new HashMap<>();
        Message message = messages.next(POLL_TIMEOUT_MS);
        RecordPartition lastPartition = null;
        RecordOffset lastOffset = null;
        while (message != null) {
            String destination = message.sysHeaders().getString(Message.BuiltinKeys.DESTINATION);
            String topic = destination != null ? destination : topics.size() == 1 ? topics.get(0) : "";
            topicUsed(topic);
            RecordPartition partition = positions.partitionOf(topic, message);
            RecordOffset offset = QueuePositions.offsetOf(message);
            Message m = message;
            ConnectRecord converted;
            try {
                converted = codec.toRecord(topic, m, partition, offset);
            } catch (Throwable failure) {
                converted = errors.recover(ErrorPolicy.Stage.CONVERT, m, () -> codec.toRecord(topic, m, partition, offset), failure);
            }
            ConnectRecord toTransform = converted;
            Optional<ConnectRecord> record = converted == null ? null
                    : transforms.isEmpty() ? Optional.of(converted)
                    : errors.execute(ErrorPolicy.Stage.TRANSFORM, m, () -> Optional.ofNullable(transforms.apply(toTransform)));
            // a tolerated failure is acked with its batch like a delivered record: it went to the DLQ (or was meant to be dropped)
            handles.add(RecordMessageCodec.ackHandle(message));
            if (lastPartition != null && lastPartition != partition) {
                offsets.put(lastPartition, lastOffset);
            }
            lastPartition = partition;
            lastOffset = offset;
            if (record != null && record.isPresent()) {
                records.add(record.get());
            } else if (record != null) {
                metrics.recordsFiltered.increment();
            }
            if (handles.size() + unacked.size() >= commitMaxRecords || handles.size() >= batchSize || isStopping()) {
                break;
            }
            message = messages.next(0);
        }
        if (lastPartition != null) {
            offsets.put(lastPartition, lastOffset);
        }
        if (!handles.isEmpty()) {
            metrics.recordsPolled.add(handles.size());
        }
        return new Batch(records, handles, offsets);
    }

    /**
     * Hands a batch to {@code put()}. Only once put returned do its messages count as taken (to be acked at
     * the next commit): a {@link RetriableException} keeps the batch to put again after a backoff (consumption
     * paused meanwhile, as Kafka Connect does), any other failure fails the task with none of the batch acked.
     */
    private void deliver(Batch batch) {
        if (!batch.records().isEmpty()) {
            try {
                task.put(batch.records());
            } catch (RetriableException e) {
                metrics.retries.increment();
                retrying = batch;
                retryAt = System.currentTimeMillis() + retryDelayMs;
                log.warn("Task {}: put of {} records failed with a retriable error, putting them again in {} ms: {}",
                        id, batch.records().size(), retryDelayMs, e.toString());
                retryDelayMs = Math.min(retryDelayMs * 2, retryDelayMaxMs);
                return;
            } catch (RuntimeException e) {
                metrics.errors.increment();
                throw e;
            }
            metrics.recordsPut.add(batch.records().size());
        }
        if (retrying != null) {
            log.info("Task {}: put succeeded after retrying", id);
            retrying = null;
        }
        retryDelayMs = RETRY_INITIAL_DELAY_MS;
        unacked.addAll(batch.handles());
        currentOffsets.putAll(batch.offsets());
    }

    private void commitIfDue(boolean idle) {
        if ((idle && !unacked.isEmpty()) || unacked.size() >= commitMaxRecords
                || System.currentTimeMillis() - lastCommit >= flushIntervalMs) {
            commit();
        }
    }

    /**
     * {@code preCommit()} (which flushes) with the offsets of the records put since the last commit, then acks
     * their messages. A {@link RetriableException} from preCommit acks nothing and is tried again at the next
     * commit; any other failure propagates (the task fails, nothing of this commit acked).
     */
    private void commit() {
        lastCommit = System.currentTimeMillis();
        if (unacked.isEmpty() || isCancelled()) {
            return;
        }
        try {
            task.preCommit(new HashMap<>(currentOffsets));
        } catch (RetriableException e) {
            metrics.retries.increment();
            log.warn("Task {}: preCommit failed with a retriable error; {} records stay unacknowledged until the next commit: {}",
                    id, unacked.size(), e.toString());
            return;
        } catch (RuntimeException e) {
            metrics.errors.increment();
            throw e;
        }
        messages.ack(unacked);
        unacked = new ArrayList<>(Math.min(batchSize, commitMaxRecords));
        metrics.lastCommitMillis.set(lastCommit);
    }

    @Override
    protected void beforePause() {
        commit();
    }

    @Override
    protected void close() {
        try {
            if (messages != null) {
                commit();
            }
        } finally {
            try {
                task.stop();
            } finally {
                transforms.close();
                if (messages != null) {
                    messages.close();
                } else if (consumer != null) {
                    consumer.shutdown(); // initialize() failed before handing it over
                }
            }
        }
    }

    @Override
    protected void abandon() {
        SinkMessages m = messages;
        if (m != null) {
            m.close(); // the consumer hands back what was not acked; the stuck thread's later calls find it closed
        }
    }

    private final class Context extends TaskContextBase implements SinkTaskContext {
        Context() {
            super(id, taskConfig);
        }

        /**
         * The task reads the partition's topic from the offset's {@code queueOffset} on, once the current
         * {@code put} (or {@code start}) returned. Only where the driver can seek (see {@link SinkMessages#seek}).
         *
         * @throws IllegalArgumentException for a partition of no topic of the task, or an offset without a queueOffset
         */
        @Override
        public void resetOffset(RecordPartition partition, RecordOffset offset) {
            Long queueOffset = QueuePositions.queueOffsetOf(offset);
            if (queueOffset == null) {
                throw new IllegalArgumentException("resetOffset of task " + id + " needs an offset with a whole-number "
                        + QueuePositions.QUEUE_OFFSET + ", not " + (offset == null ? null : offset.getOffset()));
            }
            QueueSeek seek = QueueSeek.of(partition, topics, queueOffset);
            seeks.put(seek.topic() + '\0' + seek.queueId(), seek);
        }

        @Override
        public void resetOffset(Map<RecordPartition, RecordOffset> offsets) {
            offsets.forEach(this::resetOffset);
        }

        @Override
        public void pause(List<RecordPartition> partitions) {
            for (RecordPartition p : partitions) {
                Object topic = p.getPartition().get("topic");
                if (topic != null && pausedTopics.add(topic.toString())) {
                    messages.pause(topic.toString());
                }
            }
        }

        @Override
        public void resume(List<RecordPartition> partitions) {
            for (RecordPartition p : partitions) {
                Object topic = p.getPartition().get("topic");
                if (topic != null && pausedTopics.remove(topic.toString())) {
                    messages.resume(topic.toString());
                }
            }
        }

        @Override
        public Set<RecordPartition> assignment() {
            Set<RecordPartition> out = new LinkedHashSet<>();
            for (String t : topics) {
                out.add(positions.partitionOf(t));
            }
            return out;
        }

        @Override
        public ErrorRecordReporter errorRecordReporter() {
            return errors::reported;
        }
    }
}
