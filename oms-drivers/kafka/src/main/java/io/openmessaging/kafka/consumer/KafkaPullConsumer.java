package io.openmessaging.kafka.consumer;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.kafka.client.KafkaClients;
import io.openmessaging.kafka.client.KafkaErrors;
import io.openmessaging.kafka.message.RecordCodec;
import io.openmessaging.omsconnect.driversupport.consumer.AbstractPullConsumer;
import io.openmessaging.omsconnect.driversupport.lifecycle.ServiceState;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A member of Kafka consumer group {@code CONSUMER_ID} (required) on one {@link KafkaConsumer}: the topics
 * attached are its subscription, and Kafka shares their partitions among the group's members, so each message
 * goes to one member of a group and every group gets every message. A new group starts at the first message
 * the topics keep ({@code auto.offset.reset=earliest}, unless the URL says otherwise).
 *
 * <ul>
 *   <li>Acks may come in any order and from any thread. The group's commit on a partition goes as far as the
 *       first message handed out and not acked ({@link PartitionAcks}); acks after a gap are held until it
 *       closes. Commits are made by the thread that calls {@link #receive}, every {@code offset.flush.interval.ms}
 *       (default 1000), and before returning from {@link #shutdown()}, from {@code ack(handle, {PERSIST_OFFSETS=true})},
 *       and when a rebalance takes partitions away. After a restart, or on another member, the group resumes at
 *       its commit: what was handed out and not acked comes again (at-least-once).</li>
 *   <li>Seek: {@code attachQueue(topic, {QUEUE_OFFSET: n[, QUEUE_ID: p]})} reads partition {@code p} (the topic's
 *       only one when not given; every one when not given and {@code n} is 0: the topic from its start) from offset
 *       {@code n} on and commits {@code n} at once; a partition not assigned here yet is sought when it is.</li>
 *   <li>{@code detachQueue} leaves the topic's partitions to the group's other members, committing what was
 *       acked; messages handed out and not acked come again to whoever reads them next.</li>
 * </ul>
 *
 * KafkaConsumer is not thread-safe: every call to it is made under this consumer's lock, by the thread in
 * {@code receive}, {@code attachQueue}, {@code detachQueue}, {@code shutdown} or a persisting ack; the
 * rebalance callbacks run inside its {@code poll}, on that thread. A plain ack touches only the
 * {@link AckTracker}. Receipt handles are valid on this consumer only.
 */
public final class KafkaPullConsumer extends AbstractPullConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPullConsumer.class);
    /** ack(handle, attributes) with this key {@code true} commits the group's offsets before it returns. */
    public static final String PERSIST_OFFSETS = "PERSIST_OFFSETS";
    public static final String OFFSET_FLUSH_INTERVAL_MS = "offset.flush.interval.ms";
    static final long DEFAULT_FLUSH_INTERVAL_MS = 1000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final String group;
    private final long flushIntervalNanos;
    private final AckTracker acks = new AckTracker();
    private final ReentrantLock lock = new ReentrantLock();
    private final RebalanceListener rebalances = new RebalanceListener();
    // guarded by lock:
    private final Set<String> topics = new LinkedHashSet<>();
    /** records polled and not handed out yet, in Kafka's order */
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
    /** seeks of partitions not assigned here yet: made when they are */
    private final Map<TopicPartition, Long> pendingSeeks = new HashMap<>();
    /** seeks asked before startup(), made by it */
    private final List<Map.Entry<String, SeekRequest>> seeksBeforeStart = new ArrayList<>();
    private KafkaConsumer<byte[], byte[]> consumer;
    /** its {@code group.instance.id} while it runs, when the access point makes static members; else null */
    private String instanceId;
    private long lastCommitNanos;
    private boolean commitInFlight;
    private volatile ServiceState state = ServiceState.CREATED;

    public KafkaPullConsumer(KeyValue attributes, KafkaClients clients) {
        super(attributes);
        this.clients = clients;
        this.group = attributes.getString(OMSBuiltinKeys.CONSUMER_ID);
        if (group == null || group.isBlank()) {
            throw new OMSRuntimeException("-1", "A Kafka pull consumer needs CONSUMER_ID (its consumer group) in its attributes");
        }
        long flushIntervalMs = attributes.getLong(OFFSET_FLUSH_INTERVAL_MS, DEFAULT_FLUSH_INTERVAL_MS);
        if (flushIntervalMs <= 0) {
            throw new OMSRuntimeException("-1", OFFSET_FLUSH_INTERVAL_MS + " must be positive, not " + flushIntervalMs);
        }
        this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(flushIntervalMs);
    }

    /** Joins the group with the topics attached so far. */
    @Override
    public void startup() {
        lock.lock();
        try {
            checkNotClosed();
            if (state == ServiceState.STARTED) {
                return;
            }
            instanceId = clients.staticMembers().claim(group);
            try {
                consumer = clients.consumer(group, instanceId, attributes());
            } catch (RuntimeException e) {
                clients.staticMembers().release(group, instanceId);
                throw e;
            }
            state = ServiceState.STARTED;
            lastCommitNanos = System.nanoTime();
            try {
                subscribe();
                for (Map.Entry<String, SeekRequest> seek : seeksBeforeStart) {
                    seek(seek.getKey(), seek.getValue());
                }
                seeksBeforeStart.clear();
            } catch (RuntimeException e) {
                state = ServiceState.CREATED;
                consumer.close(Duration.ZERO);
                consumer = null;
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Commits what was acked, leaves the group (its partitions go to the other members) and closes. */
    @Override
    public void shutdown() {
        ServiceState was = state;
        state = ServiceState.CLOSED;
        if (was != ServiceState.STARTED) {
            return;
        }
        consumer.wakeup(); // a receive waiting in poll returns at once and lets go of the lock
        lock.lock();
        try {
            commit(acks.uncommitted(null), "at shutdown", false);
            try {
                consumer.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warn("Group '{}': closing its Kafka consumer failed: {}", group, KafkaErrors.reason(e));
            }
            clients.staticMembers().release(group, instanceId);
            fetched.clear();
            acks.forget(null);
            commitPendingSeeks();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Seeks of partitions the group never assigned to this member before it left (e.g. a consumer made only to
     * move a stopped sink's group: it attaches, seeks and shuts down without receiving), committed for the group
     * now that this member is out of it: Kafka takes offsets from outside only for a group without members.
     *
     * @throws OMSRuntimeException when Kafka refuses them (the group has other members): the seek was not made
     */
    private void commitPendingSeeks() {
        if (pendingSeeks.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        pendingSeeks.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        pendingSeeks.clear();
        try (Admin admin = clients.admin(attributes())) {
            admin.alterConsumerGroupOffsets(group, offsets).all().get(clients.startupTimeoutMs(), TimeUnit.MILLISECONDS);
            LOG.info("Group '{}' reads {} from there on (seeks committed as it left)", group, offsets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OMSRuntimeException("-1", "Group '" + group + "': interrupted while committing the seeks " + offsets);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new OMSRuntimeException("-1", "Group '" + group + "': the seeks " + offsets + " were not made (Kafka takes a "
                    + "group's offsets from outside only when it has no members): " + KafkaErrors.reason(cause));
        }
    }

    /** Whether {@link #shutdown()} was called. */
    public boolean isClosed() {
        return state == ServiceState.CLOSED;
    }

    /** Reads {@code topic} too; with {@code QUEUE_OFFSET} (and {@code QUEUE_ID}), seeks there (see the class comment). */
    @Override
    public PullConsumer attachQueue(String topic, KeyValue properties) {
        SeekRequest seek = SeekRequest.from(properties);
        lock.lock();
        try {
            checkNotClosed();
            if (topics.add(topic) && state == ServiceState.STARTED) {
                subscribe();
            }
            if (seek != null && state == ServiceState.STARTED) {
                seek(topic, seek);
            } else if (seek != null) {
                seeksBeforeStart.add(Map.entry(topic, seek));
            }
            return this;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PullConsumer detachQueue(String topic) {
        lock.lock();
        try {
            if (!topics.remove(topic)) {
                return this;
            }
            pendingSeeks.keySet().removeIf(partition -> partition.topic().equals(topic));
            seeksBeforeStart.removeIf(seek -> seek.getKey().equals(topic));
            if (state == ServiceState.STARTED) {
                // the rebalance that takes the topic's partitions away commits them (RebalanceListener)
                subscribe();
                fetched.removeIf(record -> record.topic().equals(topic));
            }
            return this;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Acks a received message by its RECEIPT_HANDLE, in any order. With {@code PERSIST_OFFSETS=true} the group's
     * offsets are committed before it returns. A handle from before its partition was revoked or sought is
     * ignored: the message comes again.
     */
    @Override
    public void ack(String receiptHandle, KeyValue properties) {
        checkStarted();
        ReceiptHandle handle = ReceiptHandle.parse(receiptHandle);
        switch (acks.ack(handle)) {
            case STALE -> LOG.debug("Group '{}': ignoring the ack of {}: its partition was read again since", group, receiptHandle);
            case UNKNOWN -> throw new OMSRuntimeException("-1", "Receipt handle '" + receiptHandle + "' is unknown or already acked");
            case ACKED -> { }
        }
        if (properties != null && "true".equalsIgnoreCase(properties.getString(PERSIST_OFFSETS))) {
            lock.lock();
            try {
                checkStarted();
                commit(acks.uncommitted(null), "on request", true);
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    protected Message poll(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
        lock.lock();
        try {
            checkStarted();
            if (topics.isEmpty()) {
                // nothing to poll (Kafka refuses a poll without a subscription): wait as asked, without the lock
                lock.unlock();
                try {
                    LockSupport.parkNanos(deadline - System.nanoTime());
                    return null;
                } finally {
                    lock.lock();
                }
            }
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record = fetched.poll(); record != null; record = fetched.poll()) {
                    if (topics.contains(record.topic())) { // not of a topic detached since it was fetched
                        return handOut(record);
                    }
                }
                commitIfDue();
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                } catch (WakeupException e) {
                    return null; // shutdown() is waiting for the lock
                } catch (InterruptException e) {
                    return null; // Kafka set the thread's interrupt flag again
                } catch (KafkaException e) {
                    throw KafkaErrors.failed("Group '" + group + "' reading " + topics, e);
                }
                records.forEach(fetched::add);
                if (fetched.isEmpty() && System.nanoTime() - deadline >= 0) {
                    return null;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Message handOut(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        long epoch = acks.handedOut(partition, record.offset());
        return RecordCodec.toMessage(record, () -> ReceiptHandle.format(epoch, record.topic(), record.partition(), record.offset()));
    }

    /** Every offset.flush.interval.ms, commits asynchronously what moved, one commit in flight at a time. Under lock. */
    private void commitIfDue() {
        long now = System.nanoTime();
        if (commitInFlight || now - lastCommitNanos < flushIntervalNanos) {
            return;
        }
        lastCommitNanos = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = acks.uncommitted(null);
        if (offsets.isEmpty()) {
            return;
        }
        commitInFlight = true;
        try {
            // the callback runs inside a later poll or commit, on this thread
            consumer.commitAsync(offsets, (committed, error) -> {
                commitInFlight = false;
                if (error == null) {
                    acks.committed(committed);
                } else if (error instanceof RebalanceInProgressException || error instanceof RetriableException) {
                    // routine: the rebalance commits what this member gives up, the next commit the rest
                    LOG.debug("Group '{}': committing {} failed, trying again: {}", group, committed, KafkaErrors.reason(error));
                } else {
                    LOG.warn("Group '{}': committing {} failed, trying again: {}", group, committed, KafkaErrors.reason(error));
                }
            });
        } catch (KafkaException e) {
            commitInFlight = false;
            LOG.warn("Group '{}': committing {} failed, trying again: {}", group, offsets, KafkaErrors.reason(e));
        }
    }

    /**
     * Commits {@code offsets} and waits for it. A failure throws when {@code mustSucceed}, else is logged: the
     * messages after the group's last commit then come again. Under lock.
     */
    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets, String when, boolean mustSucceed) {
        if (offsets.isEmpty()) {
            return;
        }
        KafkaException failure = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                consumer.commitSync(offsets);
                acks.committed(offsets);
                return;
            } catch (WakeupException e) {
                failure = e; // the wakeup of shutdown() found this call instead of a poll: it is spent, commit again
            } catch (KafkaException e) {
                failure = e;
                break;
            }
        }
        if (mustSucceed) {
            throw KafkaErrors.failed("Group '" + group + "' committing " + offsets + " " + when, failure);
        }
        LOG.warn("Group '{}': committing {} {} failed; what was handed out since the last commit comes again: {}",
                group, offsets, when, KafkaErrors.reason(failure));
    }

    /** Resolves the partition and seeks it, now if it is assigned here, else when it is. Under lock, started. */
    private void seek(String topic, SeekRequest request) {
        if (request.partition() != SeekRequest.ONLY_PARTITION) {
            seek(new TopicPartition(topic, request.partition()), request.offset());
            return;
        }
        List<PartitionInfo> partitions = partitionsOf(topic);
        // offset 0 with no partition is "the topic from its start" (a sink's offsets reset): every partition
        if (partitions.size() > 1 && request.offset() != 0) {
            throw new OMSRuntimeException("-1", "Topic '" + topic + "' has " + partitions.size() + " partitions: a seek needs "
                    + RecordCodec.QUEUE_ID + " (the partition, as a received message's " + RecordCodec.QUEUE_ID + " says) beside "
                    + RecordCodec.QUEUE_OFFSET + ", unless it is to offset 0 (the start of every partition)");
        }
        for (PartitionInfo partition : partitions) {
            seek(new TopicPartition(topic, partition.partition()), request.offset());
        }
    }

    private void seek(TopicPartition target, long offset) {
        if (consumer.assignment().contains(target)) {
            applySeek(target, offset);
        } else {
            pendingSeeks.put(target, offset);
            LOG.info("Group '{}' will read {} from offset {} once the group assigns it here", group, target, offset);
        }
    }

    private List<PartitionInfo> partitionsOf(String topic) {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, Duration.ofMillis(clients.startupTimeoutMs()));
        } catch (KafkaException e) {
            throw KafkaErrors.failed("Group '" + group + "' looking up the partitions of topic '" + topic + "' to seek", e);
        }
        if (partitions == null || partitions.isEmpty()) {
            throw new OMSRuntimeException("-1", "Topic '" + topic + "' has no partitions (does it exist?): group '" + group + "' cannot seek there");
        }
        return partitions;
    }

    /** Reads an assigned partition from {@code offset} on, committed at once; what was handed out before is forgotten. */
    private void applySeek(TopicPartition partition, long offset) {
        consumer.seek(partition, offset);
        dropFetched(List.of(partition));
        commit(Map.of(partition, new OffsetAndMetadata(offset)), "for a seek", true);
        acks.restartAt(partition, offset);
        LOG.info("Group '{}' reads {} from offset {} (seek)", group, partition, offset);
    }

    /** The subscription is the topics attached. Under lock, started. */
    private void subscribe() {
        try {
            if (topics.isEmpty()) {
                consumer.unsubscribe(); // revokes (and so commits) at once
            } else {
                consumer.subscribe(List.copyOf(topics), rebalances);
            }
        } catch (KafkaException e) {
            throw KafkaErrors.failed("Group '" + group + "' subscribing to " + topics, e);
        }
    }

    private void dropFetched(Collection<TopicPartition> partitions) {
        fetched.removeIf(record -> partitions.contains(new TopicPartition(record.topic(), record.partition())));
    }

    private void checkNotClosed() {
        state.checkNotClosed(describe());
    }

    private void checkStarted() {
        state.checkStarted(describe());
    }

    /** Runs inside KafkaConsumer's poll (and unsubscribe, close), on the thread holding the lock. */
    private final class RebalanceListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            commit(acks.uncommitted(partitions), "before giving up " + partitions, false);
            acks.forget(partitions);
            dropFetched(partitions);
            LOG.info("Group '{}': this member no longer reads {}", group, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            // another member may read them already: committing now could move the group back
            acks.forget(partitions);
            dropFetched(partitions);
            LOG.warn("Group '{}': this member lost {} (it was out of the group); what it handed out and was not committed comes again",
                    group, partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            LOG.info("Group '{}': this member reads {}", group, partitions);
            for (TopicPartition partition : partitions) {
                Long offset = pendingSeeks.remove(partition);
                if (offset != null) {
                    try {
                        applySeek(partition, offset);
                    } catch (RuntimeException e) {
                        LOG.warn("Group '{}': the seek of {} to offset {} failed: {}", group, partition, offset, e.getMessage());
                    }
                }
            }
        }
    }

    /** This service in error messages. */
    private String describe() {
        return "Consumer of group '" + group + "'";
    }
}
