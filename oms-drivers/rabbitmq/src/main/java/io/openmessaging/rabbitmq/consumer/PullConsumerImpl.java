package io.openmessaging.rabbitmq.consumer;

import com.rabbitmq.client.Channel;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.omsconnect.driversupport.consumer.AbstractPullConsumer;
import io.openmessaging.omsconnect.driversupport.lifecycle.ServiceState;
import io.openmessaging.rabbitmq.message.AmqpMessageCodec;
import io.openmessaging.rabbitmq.connection.BrokerConnection;
import io.openmessaging.rabbitmq.connection.BrokerErrors;
import io.openmessaging.rabbitmq.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A member of consumer group {@code CONSUMER_ID}: for each attached topic {@code T} it consumes the
 * group's queue {@code T.<group>} (declared and bound on attach) with manual acks. The broker pushes up
 * to {@code rabbitmq.prefetch} (default 1000) unacked messages per topic into a local buffer, which
 * {@link #receive} polls; a message not acked before the consumer shuts down (or its channel is lost)
 * is requeued by the broker and delivered again with sys header {@code REDELIVERED_NUMBER}.
 * Receipt handles are valid on this consumer only. Thread-safe.
 */
public final class PullConsumerImpl extends AbstractPullConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(PullConsumerImpl.class);
    public static final String PREFETCH = "rabbitmq.prefetch";
    static final int DEFAULT_PREFETCH = 1000;

    private final BrokerConnection connection;
    private final Topology topology;
    private final String group;
    private final int prefetch;
    private final BlockingQueue<Message> buffer = new LinkedBlockingQueue<>();
    private final ReceiptHandles handles = new ReceiptHandles();
    /** attached topic → consumer tag, null until consuming */
    private final Map<String, String> topics = new LinkedHashMap<>(); // guarded by this
    private volatile ServiceState state = ServiceState.CREATED;
    private volatile Channel channel;

    public PullConsumerImpl(KeyValue attributes, BrokerConnection connection, Topology topology) {
        super(attributes);
        this.connection = connection;
        this.topology = topology;
        this.group = attributes.getString(OMSBuiltinKeys.CONSUMER_ID);
        if (group == null || group.isBlank()) {
            throw new OMSRuntimeException("-1", "A RabbitMQ pull consumer needs CONSUMER_ID (its consumer group) in its attributes");
        }
        this.prefetch = attributes.getInt(PREFETCH, DEFAULT_PREFETCH);
    }

    @Override
    public synchronized void startup() {
        state.checkNotClosed(describe());
        if (state == ServiceState.STARTED) {
            return;
        }
        Channel opened = connection.openChannel();
        try {
            opened.basicQos(prefetch);
        } catch (IOException | RuntimeException e) {
            BrokerConnection.closeQuietly(opened);
            throw BrokerErrors.failed("set the prefetch of consumer group '" + group + "'", e);
        }
        opened.addShutdownListener(cause -> {
            // the broker requeues what this channel had not acked: drop our copies, they come again
            handles.channelLost();
            buffer.clear();
        });
        channel = opened;
        try {
            for (Map.Entry<String, String> topic : topics.entrySet()) {
                topic.setValue(consume(topic.getKey()));
            }
        } catch (RuntimeException e) {
            BrokerConnection.closeQuietly(opened); // all or nothing: a later startup() tries every topic again
            topics.replaceAll((topic, consumerTag) -> null);
            throw e;
        }
        state = ServiceState.STARTED;
    }

    @Override
    public synchronized void shutdown() {
        if (state == ServiceState.STARTED) {
            BrokerConnection.closeQuietly(channel); // requeues the unacked messages
        }
        state = ServiceState.CLOSED;
        topics.clear();
        buffer.clear();
    }

    /** Whether {@link #shutdown()} was called. */
    public boolean isClosed() {
        return state == ServiceState.CLOSED;
    }

    @Override
    public synchronized PullConsumer attachQueue(String queueName, KeyValue properties) {
        state.checkNotClosed(describe());
        if (properties != null && properties.containsKey(AmqpMessageCodec.QUEUE_OFFSET)) {
            // a classic queue forgets what was acked: there is nothing to go back to
            throw new OMSNotSupportedException("-1", "Group '" + group + "' reads classic or quorum queues, which cannot seek: "
                    + "use streams (the default, rabbitmq.queue.type=stream) to read a topic from an offset");
        }
        if (topics.containsKey(queueName)) {
            return this;
        }
        topics.put(queueName, state == ServiceState.STARTED ? consume(queueName) : null);
        return this;
    }

    @Override
    public synchronized PullConsumer detachQueue(String queueName) {
        String consumerTag = topics.remove(queueName);
        if (consumerTag != null && channel.isOpen()) {
            try {
                channel.basicCancel(consumerTag);
            } catch (IOException | RuntimeException e) {
                throw BrokerErrors.failed("stop consuming topic '" + queueName + "' for group '" + group + "'", e);
            }
        }
        return this;
    }

    /**
     * Acks a received message by its RECEIPT_HANDLE. A handle from before the channel was lost is
     * ignored: the broker has requeued that message and delivers it again.
     */
    @Override
    public void ack(String receiptHandle, KeyValue properties) {
        checkStarted();
        long tag = handles.settle(receiptHandle);
        if (tag < 0) {
            LOG.debug("Group '{}': ignoring ack of stale receipt handle {} (the message will be redelivered)", group, receiptHandle);
            return;
        }
        try {
            channel.basicAck(tag, false);
        } catch (IOException | RuntimeException e) {
            throw BrokerErrors.failed("ack message " + receiptHandle + " of group '" + group + "'", e);
        }
    }

    @Override
    protected Message poll(long timeoutMs) {
        checkStarted();
        try {
            return buffer.poll(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String consume(String topic) {
        String queue = topology.declareGroup(topic, group);
        try {
            return channel.basicConsume(queue, false, new BufferingConsumer(channel, topic, handles, buffer));
        } catch (IOException | RuntimeException e) {
            throw BrokerErrors.failed("consume queue '" + queue + "' of group '" + group + "'", e);
        }
    }

    private void checkStarted() {
        state.checkStarted(describe());
    }

    /** This service in error messages. */
    private String describe() {
        return "Consumer of group '" + group + "'";
    }
}
