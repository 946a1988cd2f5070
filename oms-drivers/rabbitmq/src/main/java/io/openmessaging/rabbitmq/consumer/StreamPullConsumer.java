package io.openmessaging.rabbitmq.consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.omsconnect.driversupport.consumer.AbstractPullConsumer;
import io.openmessaging.omsconnect.driversupport.lifecycle.ServiceState;
import io.openmessaging.rabbitmq.message.AmqpMessageCodec;
import io.openmessaging.rabbitmq.connection.BrokerConnection;
import io.openmessaging.rabbitmq.connection.BrokerErrors;
import io.openmessaging.rabbitmq.connection.NamedThreadFactory;
import io.openmessaging.rabbitmq.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A member of consumer group {@code CONSUMER_ID} reading topics that are RabbitMQ streams, over AMQP 0-9-1.
 *
 * <ul>
 *   <li>Position: the broker does not track offsets for AMQP consumers of a stream, so the group's
 *       {@link StreamPosition} is kept here and its committed offset stored in RabbitMQ by
 *       {@link GroupOffsets}: every {@code offset.flush.interval.ms} (default 1000), on
 *       {@link #detachQueue}, on {@link #shutdown()}, and at once on {@code ack(handle, {PERSIST_OFFSETS=true})}.
 *       A group with no stored offset starts at the first message the stream retains.</li>
 *   <li>One reader per group and topic (a stream is one partition): the consumer holding the group's
 *       {@link GroupLocks lock} reads; the others stand by and retry every {@code rabbitmq.standby.retry.ms}
 *       (default 1000), taking over at the committed offset when the holder shuts down or its connection dies.</li>
 *   <li>Channel or connection lost: the subscriptions are made again from the committed offset once the
 *       channel is back (the client reconnects), so what was delivered and not acked comes again.</li>
 * </ul>
 *
 * Acks may come in any order; each also acks the AMQP delivery, which is the stream consumer's credit
 * ({@code basic.qos} {@code rabbitmq.prefetch}, default 1000). Receipt handles are valid on this consumer
 * only. Thread-safe.
 */
public final class StreamPullConsumer extends AbstractPullConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPullConsumer.class);
    public static final String PERSIST_OFFSETS = "PERSIST_OFFSETS";
    /** attachQueue attribute: the stream offset (a message's QUEUE_OFFSET) the group reads the topic from. */
    public static final String QUEUE_OFFSET = AmqpMessageCodec.QUEUE_OFFSET;
    public static final String OFFSET_FLUSH_INTERVAL_MS = "offset.flush.interval.ms";
    public static final String STANDBY_RETRY_MS = "rabbitmq.standby.retry.ms";
    static final long DEFAULT_FLUSH_INTERVAL_MS = 1000;
    static final long DEFAULT_STANDBY_RETRY_MS = 1000;
    /** the offset store's wait for the broker's confirm */
    private static final long OFFSET_CONFIRM_TIMEOUT_MS = 10_000;

    private final BrokerConnection connection;
    private final Topology topology;
    private final GroupLocks locks;
    private final GroupOffsets offsets;
    private final String group;
    private final int prefetch;
    private final long flushIntervalMs;
    private final long standbyRetryMs;
    private final BlockingQueue<Message> buffer = new LinkedBlockingQueue<>();
    private final ReceiptHandles handles = new ReceiptHandles();
    private final StreamCredits credits;
    /** delivery tag → where it comes from, for the deliveries not acked yet */
    private final Map<Long, StreamSubscription.Delivered> deliveries = new ConcurrentHashMap<>();
    /** attached topic → its reading state; changed under this, read by acks without it (a flush may take long) */
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private volatile ServiceState state = ServiceState.CREATED;
    private volatile Channel channel; // replaced under this
    /** set when the channel was lost: the subscriptions must be made again */
    private volatile boolean resubscribe;
    /** set when the channel was lost alone (not with its connection): it will not come back by itself */
    private volatile boolean channelDead;
    private ScheduledExecutorService maintenance;

    public StreamPullConsumer(KeyValue attributes, BrokerConnection connection, Topology topology, GroupLocks locks) {
        super(attributes);
        this.connection = connection;
        this.topology = topology;
        this.locks = locks;
        this.group = attributes.getString(OMSBuiltinKeys.CONSUMER_ID);
        if (group == null || group.isBlank()) {
            throw new OMSRuntimeException("-1", "A RabbitMQ pull consumer needs CONSUMER_ID (its consumer group) in its attributes");
        }
        this.prefetch = attributes.getInt(PullConsumerImpl.PREFETCH, PullConsumerImpl.DEFAULT_PREFETCH);
        // a tenth of the prefetch: the broker keeps nine tenths of its window to send on while acks wait for a batch
        this.credits = new StreamCredits(prefetch / 10);
        this.flushIntervalMs = positive(attributes.getLong(OFFSET_FLUSH_INTERVAL_MS, DEFAULT_FLUSH_INTERVAL_MS), OFFSET_FLUSH_INTERVAL_MS);
        this.standbyRetryMs = positive(attributes.getLong(STANDBY_RETRY_MS, DEFAULT_STANDBY_RETRY_MS), STANDBY_RETRY_MS);
        this.offsets = new GroupOffsets(connection, topology, OFFSET_CONFIRM_TIMEOUT_MS);
    }

    @Override
    public synchronized void startup() {
        checkNotClosed();
        if (state == ServiceState.STARTED) {
            return;
        }
        resubscribe = false;
        channelDead = false;
        channel = openChannel();
        try {
            for (Topic topic : topics.values()) {
                subscribe(topic);
            }
        } catch (RuntimeException e) {
            for (Topic topic : topics.values()) {
                locks.release(topic.name, group, this); // all or nothing: a later startup() tries every topic again
                topic.consumerTag = null;
            }
            Channel failed = channel;
            channel = null;
            BrokerConnection.closeQuietly(failed);
            throw e;
        }
        maintenance = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("oms-rabbitmq-consumer-" + group));
        maintenance.scheduleWithFixedDelay(this::flushQuietly, flushIntervalMs, flushIntervalMs, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(this::resume, standbyRetryMs, standbyRetryMs, TimeUnit.MILLISECONDS);
        state = ServiceState.STARTED;
    }

    /** Stores every committed offset, frees the group's locks (a standby consumer takes over) and closes the channel. */
    @Override
    public synchronized void shutdown() {
        ServiceState was = state;
        state = ServiceState.CLOSED;
        if (was == ServiceState.STARTED) {
            maintenance.shutdownNow();
            for (Topic topic : topics.values()) {
                stopReading(topic);
            }
            BrokerConnection.closeQuietly(channel);
        }
        offsets.close();
        topics.clear();
        buffer.clear();
    }

    /** Whether {@link #shutdown()} was called. */
    public boolean isClosed() {
        return state == ServiceState.CLOSED;
    }

    /**
     * Reads the topic too. With attribute {@value #QUEUE_OFFSET} on a topic this consumer reads, the group reads
     * it from that stream offset on (a message's QUEUE_OFFSET): see {@link #seek}.
     */
    @Override
    public synchronized PullConsumer attachQueue(String queueName, KeyValue properties) {
        checkNotClosed();
        Topic attached = topics.get(queueName);
        if (attached != null) {
            if (properties != null && properties.containsKey(QUEUE_OFFSET)) {
                seek(attached, properties.getLong(QUEUE_OFFSET));
            }
            return this;
        }
        // the stream exists from now on, whether this consumer reads it or stands by
        topology.declareTopic(queueName);
        Topic topic = new Topic(queueName);
        if (state == ServiceState.STARTED) {
            subscribe(topic);
        }
        topics.put(queueName, topic);
        return this;
    }

    /** Stops reading the topic, stores the group's committed offset there and frees its lock. */
    @Override
    public synchronized PullConsumer detachQueue(String queueName) {
        Topic topic = topics.remove(queueName);
        if (topic == null || state != ServiceState.STARTED) {
            return this;
        }
        stopReading(topic);
        dropBuffered(queueName);
        return this;
    }

    /** What was delivered of the topic and nobody received yet: settled here, the group will read it again. */
    private void dropBuffered(String topicName) {
        List<Message> dropped = new ArrayList<>();
        buffer.removeIf(m -> topicName.equals(m.sysHeaders().getString(Message.BuiltinKeys.DESTINATION)) && dropped.add(m));
        for (Message message : dropped) {
            long tag = handles.settle(message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
            if (tag >= 0) {
                deliveries.remove(tag);
                ackQuietly(tag);
            }
        }
    }

    /**
     * The group reads the topic from stream offset {@code offset} on: the subscription is replaced by one that
     * starts there, and the group's stored offset is {@code offset} (messages before it count as processed,
     * messages from it come again). Messages received before and not acked are forgotten: their acks still
     * reach the broker but move nothing. Only the consumer that reads the topic for its group can do it.
     */
    private void seek(Topic topic, long offset) {
        if (offset < 0) {
            throw new OMSRuntimeException("-1", QUEUE_OFFSET + " must be a stream offset (0 or more), not " + offset);
        }
        if (state != ServiceState.STARTED || topic.consumerTag == null) {
            throw new OMSRuntimeException("-1", "Group '" + group + "': this consumer does not read topic '" + topic.name
                    + "' (" + (state != ServiceState.STARTED ? "it is not started" : "another consumer of the group does") + "): it cannot seek there");
        }
        topic.subscription.close();
        cancel(topic);
        dropBuffered(topic.name);
        offsets.write(topic.name, group, offset);
        topic.position = null;
        subscribe(topic);
        LOG.info("Group '{}' reads topic '{}' again from offset {} (seek)", group, topic.name, offset);
    }

    /**
     * Acks a received message by its RECEIPT_HANDLE, in any order. With {@code PERSIST_OFFSETS=true} the
     * group's committed offsets are stored before it returns. A handle from before the channel was lost
     * is ignored: the message is delivered again.
     */
    @Override
    public void ack(String receiptHandle, KeyValue properties) {
        checkStarted();
        long tag = handles.settle(receiptHandle);
        if (tag < 0) {
            LOG.debug("Group '{}': ignoring ack of stale receipt handle {} (the message will be redelivered)", group, receiptHandle);
        } else {
            StreamSubscription.Delivered delivered = deliveries.remove(tag);
            if (delivered != null) {
                delivered.position().acked(delivered.offset());
            }
            try {
                credits.settled(channel, tag);
            } catch (IOException | RuntimeException e) {
                throw BrokerErrors.failed("ack message " + receiptHandle + " of group '" + group + "'", e);
            }
        }
        if (properties != null && "true".equalsIgnoreCase(properties.getString(PERSIST_OFFSETS))) {
            flush();
        }
    }

    @Override
    protected Message poll(long timeoutMs) {
        checkStarted();
        Message next = buffer.poll();
        if (next != null) {
            return next;
        }
        flushCreditsQuietly(); // the broker may be waiting for the credit held back
        try {
            return buffer.poll(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Stores the committed offsets that moved, of the topics this consumer reads; throws when the store fails. */
    private synchronized void flush() {
        for (Topic topic : topics.values()) {
            if (topic.consumerTag == null || topic.position == null) {
                continue; // standing by: the reader stores the group's offset
            }
            long committed = topic.position.unpersisted();
            if (committed != StreamPosition.UNKNOWN) {
                offsets.write(topic.name, group, committed);
                topic.position.persisted(committed);
            }
        }
    }

    private void flushQuietly() {
        flushCreditsQuietly();
        try {
            if (state == ServiceState.STARTED) {
                flush();
            }
        } catch (RuntimeException e) {
            LOG.warn("Group '{}': storing its committed offsets failed, retrying in {} ms: {}", group, flushIntervalMs, e.getMessage());
        }
    }

    /** Takes over topics whose lock came free, and subscribes again after the channel was lost. */
    private synchronized void resume() {
        if (state != ServiceState.STARTED) {
            return;
        }
        try {
            if (resubscribe) {
                if (channelDead && connection.isOpen()) {
                    Channel dead = channel;
                    channel = openChannel();
                    BrokerConnection.closeQuietly(dead);
                    channelDead = false;
                } else if (!channel.isOpen()) {
                    return; // the client is reconnecting; the channel comes back with the connection
                }
                resubscribe = false;
                for (Topic topic : topics.values()) {
                    if (topic.consumerTag != null) {
                        connection.forgetConsumer(topic.consumerTag); // gone with the old channel
                        topic.consumerTag = null;
                    }
                }
                LOG.info("Group '{}': channel back, reading {} again from the committed offsets", group, topics.keySet());
            }
            for (Topic topic : topics.values()) {
                if (topic.consumerTag == null) {
                    subscribe(topic);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Group '{}': could not resume reading {}: {}", group, topics.keySet(), e.getMessage());
        }
    }

    /** Reads the topic from the group's committed offset if this consumer gets the group's lock; else stands by. */
    private void subscribe(Topic topic) {
        if (!locks.tryAcquire(topic.name, group, this)) {
            if (!topic.standingBy) {
                topic.standingBy = true;
                LOG.info("Group '{}': another consumer reads topic '{}' (a stream is one partition); standing by", group, topic.name);
            }
            return;
        }
        topology.declareTopic(topic.name);
        long stored = offsets.read(topic.name, group);
        if (topic.position == null) {
            topic.position = new StreamPosition(stored);
        } else {
            topic.position.rewind();
            topic.position.advanceTo(stored); // another consumer may have read further meanwhile
        }
        long start = topic.position.committed();
        StreamSubscription subscription = new StreamSubscription(channel, credits, topic.name, group, topic.position, start,
                handles, deliveries, buffer);
        try {
            topic.consumerTag = channel.basicConsume(topic.name, false, subscription.arguments(), subscription);
            topic.subscription = subscription;
        } catch (IOException | RuntimeException e) {
            locks.release(topic.name, group, this);
            throw BrokerErrors.failed("read stream '" + topic.name + "' for group '" + group + "'", e);
        }
        connection.doNotRecover(topic.consumerTag);
        topic.standingBy = false;
        LOG.info("Group '{}' reads topic '{}' from {}", group, topic.name, start == StreamPosition.UNKNOWN ? "its first message" : "offset " + start);
    }

    /** Stops consuming the topic, stores its committed offset and frees the lock. */
    private void stopReading(Topic topic) {
        if (topic.consumerTag == null) {
            return;
        }
        cancel(topic);
        long committed = topic.position == null ? StreamPosition.UNKNOWN : topic.position.unpersisted();
        if (committed != StreamPosition.UNKNOWN) {
            try {
                offsets.write(topic.name, group, committed);
                topic.position.persisted(committed);
            } catch (RuntimeException e) {
                LOG.warn("Group '{}': could not store offset {} on topic '{}'; the next reader starts earlier: {}",
                        group, committed, topic.name, e.getMessage());
            }
        }
        locks.release(topic.name, group, this);
    }

    /** Ends the topic's subscription on the broker; the topic keeps the group's lock and position. */
    private void cancel(Topic topic) {
        connection.forgetConsumer(topic.consumerTag);
        try {
            if (channel.isOpen()) {
                channel.basicCancel(topic.consumerTag);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Group '{}': cancelling its consumer of '{}' failed: {}", group, topic.name, BrokerErrors.reason(e));
        }
        topic.consumerTag = null;
    }

    private Channel openChannel() {
        Channel opened = connection.openChannel();
        try {
            opened.basicQos(prefetch); // a stream refuses consumers without a prefetch
        } catch (IOException | RuntimeException e) {
            BrokerConnection.closeQuietly(opened);
            throw BrokerErrors.failed("set the prefetch of consumer group '" + group + "'", e);
        }
        opened.addShutdownListener(cause -> channelLost(opened, cause));
        return opened;
    }

    /** The broker forgets this channel's deliveries: drop our copies, the next subscriptions deliver them again. */
    private void channelLost(Channel lost, ShutdownSignalException cause) {
        if (lost != channel || cause.isInitiatedByApplication() && state == ServiceState.CLOSED) {
            return; // a channel this consumer replaced or closed itself
        }
        handles.channelLost();
        deliveries.clear();
        buffer.clear();
        channelDead = !cause.isHardError();
        resubscribe = true;
        LOG.warn("Group '{}': channel lost ({}); reading again from the committed offsets once it is back", group,
                BrokerErrors.reason(cause));
    }

    private void ackQuietly(long tag) {
        try {
            credits.settled(channel, tag);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Group '{}': ack failed: {}", group, BrokerErrors.reason(e));
        }
    }

    private void flushCreditsQuietly() {
        try {
            credits.flush();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Group '{}': ack failed: {}", group, BrokerErrors.reason(e));
        }
    }

    private void checkNotClosed() {
        state.checkNotClosed(describe());
    }

    private void checkStarted() {
        state.checkStarted(describe());
    }

    private static long positive(long value, String key) {
        if (value <= 0) {
            throw new OMSRuntimeException("-1", key + " must be positive, not " + value);
        }
        return value;
    }

    /** An attached topic: whether this consumer reads it (consumerTag) or stands by, and the group's position there. */
    private static final class Topic {
        final String name;
        volatile StreamPosition position;
        String consumerTag; // guarded by the consumer
        StreamSubscription subscription; // guarded by the consumer: the one of consumerTag
        boolean standingBy; // guarded by the consumer

        Topic(String name) {
            this.name = name;
        }
    }

    /** This service in error messages. */
    private String describe() {
        return "Consumer of group '" + group + "'";
    }
}
