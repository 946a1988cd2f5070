package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.connector.api.component.task.sink.ErrorRecordReporter;
import io.openmessaging.connector.api.component.task.sink.SinkTask;
import io.openmessaging.connector.api.component.task.sink.SinkTaskContext;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.convert.RecordMessageCodec;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.transform.TransformChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sink side: pull a batch from the connector's queues (consumer group = connector name) → converter →
 * transforms → {@code put()}; every flush interval, when idle, before a pause and on stop, {@code preCommit()}
 * (which flushes) and only then the messages are acked. A crash before the ack makes the driver deliver
 * them again: at-least-once, nothing lost. The messages come through {@link SinkMessages}: by default a
 * fetch thread reads the next batches while this thread converts and writes (see {@link PrefetchedSinkMessages}).
 */
final class WorkerSinkTask extends WorkerTask {
    private static final Logger log = LoggerFactory.getLogger(WorkerSinkTask.class);
    static final String BATCH_SIZE = "sink-batch-size";
    /**
     * Commit (flush, then ack) once this many messages wait for their ack, whatever the flush interval:
     * brokers stop delivering when a consumer holds too many unacked messages (RabbitMQ's prefetch,
     * 1000 by default), which would cap a sink at that many records per flush interval.
     */
    static final String COMMIT_MAX_RECORDS = "sink-commit-max-records";
    private static final int POLL_TIMEOUT_MS = 200;

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
    /** Handles of the messages delivered since the last commit; handed to {@link #messages} on commit. */
    private List<String> unacked = new ArrayList<>();
    private final Map<RecordPartition, RecordOffset> currentOffsets = new HashMap<>();
    /** One partition object per topic, not one per record: it is the key of {@link #currentOffsets}. */
    private final Map<String, RecordPartition> partitions = new HashMap<>();
    private final Set<String> pausedTopics = new LinkedHashSet<>();
    private final boolean prefetch;
    private PullConsumer consumer;
    private SinkMessages messages;
    private long lastCommit = System.currentTimeMillis();

    WorkerSinkTask(ConnectorTaskId id, SinkTask task, Map<String, String> taskConfig, ConnectorConfig connectorConfig,
                   MessagingAccessPoint accessPoint, RecordMessageCodec codec, TransformChain transforms,
                   long flushIntervalMs, ErrorPolicy errors, StatusTracker statuses, TaskMetrics metrics,
                   boolean startPaused) {
        super(id, task.getClass().getClassLoader(), statuses, metrics, startPaused);
        this.errors = errors;
        this.task = task;
        this.taskConfig = taskConfig;
        this.topics = connectorConfig.topics();
        this.accessPoint = accessPoint;
        this.codec = codec;
        this.transforms = transforms;
        this.flushIntervalMs = flushIntervalMs;
        this.batchSize = (int) connectorConfig.getLong(BATCH_SIZE, 2000);
        this.commitMaxRecords = (int) connectorConfig.getLong(COMMIT_MAX_RECORDS, 500);
        this.consumerGroup = connectorConfig.get("consumer-group") != null ? connectorConfig.get("consumer-group")
                : id.connector();
        this.prefetch = !"false".equalsIgnoreCase(connectorConfig.get(SinkMessages.PREFETCH));
    }

    @Override
    protected void initialize() {
        KeyValue kv = new DefaultKeyValue();
        kv.put(OMSBuiltinKeys.CONSUMER_ID, consumerGroup);
        consumer = accessPoint.createPullConsumer(kv);
        for (String topic : topics) {
            consumer.attachQueue(topic);
        }
        consumer.startup();
        messages = prefetch ? PrefetchedSinkMessages.start(id, consumer, batchSize) : new DirectSinkMessages(consumer, POLL_TIMEOUT_MS);
        task.init(new Context());
        task.start(KeyValues.of(taskConfig));
    }

    @Override
    protected void execute() throws InterruptedException {
        List<ConnectRecord> records = new ArrayList<>(Math.min(batchSize, commitMaxRecords));
        Message message = messages.next(POLL_TIMEOUT_MS);
        int received = 0;
        // the offsets handed to preCommit: only the last of each run of one partition's records is kept
        RecordPartition lastPartition = null;
        RecordOffset lastOffset = null;
        while (message != null) {
            received++;
            String destination = message.sysHeaders().getString(Message.BuiltinKeys.DESTINATION);
            String topic = destination != null ? destination : topics.size() == 1 ? topics.get(0) : "";
            String messageId = message.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID);
            RecordPartition partition = partitions.computeIfAbsent(topic, RecordMessageCodec::partitionOf);
            RecordOffset offset = new RecordOffset(Map.of("messageId", messageId == null ? "" : messageId));
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
            // a tolerated failure is acked like a delivered record: it went to the DLQ (or was meant to be dropped)
            unacked.add(RecordMessageCodec.ackHandle(message));
            if (lastPartition != null && lastPartition != partition) {
                currentOffsets.put(lastPartition, lastOffset);
            }
            lastPartition = partition;
            lastOffset = offset;
            if (record != null && record.isPresent()) {
                records.add(record.get());
            } else if (record != null) {
                metrics.recordsFiltered.increment();
            }
            if (received >= batchSize || unacked.size() >= commitMaxRecords || isStopping()) {
                break;
            }
            message = messages.next(0);
        }
        if (lastPartition != null) {
            currentOffsets.put(lastPartition, lastOffset);
        }
        if (received > 0) {
            metrics.recordsPolled.add(received);
        }
        if (!records.isEmpty()) {
            errors.retryOnly(ErrorPolicy.Stage.PUT, () -> {
                task.put(records);
                return Boolean.TRUE;
            });
            metrics.recordsPut.add(records.size());
        }
        // idle (nothing came for a poll timeout) with records not committed: commit now, not at the flush
        // interval, so that a trickle of records reaches the sink's target (the file sink writes out on commit)
        // within a poll timeout; under load polls are never idle and commits keep to the interval
        boolean idle = received == 0 && !unacked.isEmpty();
        if (idle || unacked.size() >= commitMaxRecords || System.currentTimeMillis() - lastCommit >= flushIntervalMs) {
            commit();
        }
    }

    private void commit() {
        lastCommit = System.currentTimeMillis();
        if (unacked.isEmpty()) {
            return;
        }
        task.preCommit(new HashMap<>(currentOffsets));
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

    private final class Context extends TaskContextBase implements SinkTaskContext {
        Context() {
            super(id, taskConfig);
        }

        @Override
        public void resetOffset(RecordPartition partition, RecordOffset offset) {
            // OMS 0.3.1 pull consumers have no seek: redelivery comes from not acking
            log.warn("Task {}: resetOffset is not supported by OpenMessaging pull consumers; ignored", id);
        }

        @Override
        public void resetOffset(Map<RecordPartition, RecordOffset> offsets) {
            log.warn("Task {}: resetOffset is not supported by OpenMessaging pull consumers; ignored", id);
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
                out.add(RecordMessageCodec.partitionOf(t));
            }
            return out;
        }

        @Override
        public ErrorRecordReporter errorRecordReporter() {
            return errors::reported;
        }
    }
}
