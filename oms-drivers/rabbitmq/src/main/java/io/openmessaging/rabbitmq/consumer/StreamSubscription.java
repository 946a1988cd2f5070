package io.openmessaging.rabbitmq.consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.openmessaging.Message;
import io.openmessaging.rabbitmq.connection.BrokerErrors;
import io.openmessaging.rabbitmq.message.AmqpMessageCodec;
import io.openmessaging.rabbitmq.message.BytesMessageImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * One {@code basic.consume} of a topic's stream for a group, from the group's committed offset: turns
 * the broker's pushes into OMS messages (with sys header {@value AmqpMessageCodec#QUEUE_OFFSET}) in the
 * consumer's buffer and records them in the group's {@link StreamPosition}. A delivery the position has
 * seen already (a stream may start a little before the asked offset) is settled at once and dropped: acks
 * are the stream consumer's credit ({@link StreamCredits}). Deliveries after the channel this was made for was lost are stale
 * and ignored: a new subscription replaces this one.
 */
final class StreamSubscription extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSubscription.class);

    private final String topic;
    private final String group;
    private final StreamPosition position;
    /** the committed offset it started from, UNKNOWN for "first" */
    private final long start;
    private final long epoch;
    private final ReceiptHandles handles;
    private final StreamCredits credits;
    private final Map<Long, Delivered> deliveries;
    private final BlockingQueue<Message> buffer;
    private volatile boolean first = true;
    private boolean closed; // guarded by this

    StreamSubscription(Channel channel, StreamCredits credits, String topic, String group, StreamPosition position, long start,
                       ReceiptHandles handles, Map<Long, Delivered> deliveries, BlockingQueue<Message> buffer) {
        super(channel);
        this.credits = credits;
        this.topic = topic;
        this.group = group;
        this.position = position;
        this.start = start;
        this.epoch = handles.epoch();
        this.handles = handles;
        this.deliveries = deliveries;
        this.buffer = buffer;
    }

    /** The consume arguments: where RabbitMQ starts this subscription. */
    Map<String, Object> arguments() {
        return Map.of(AmqpMessageCodec.STREAM_OFFSET, start == StreamPosition.UNKNOWN ? "first" : (Object) start);
    }

    /**
     * No delivery reaches the consumer's buffer from now on (a seek replaces this subscription): what the broker
     * still pushes is acked and dropped. Synchronized with {@link #handleDelivery}: once this returns, none is
     * half-way into the buffer.
     */
    synchronized void close() {
        closed = true;
    }

    @Override
    public synchronized void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        if (epoch != handles.epoch()) {
            return; // its channel was lost: the next subscription delivers it again
        }
        if (closed) {
            settle(envelope.getDeliveryTag());
            return;
        }
        Object header = properties.getHeaders() == null ? null : properties.getHeaders().get(AmqpMessageCodec.STREAM_OFFSET);
        if (!(header instanceof Number number)) {
            LOG.error("Group '{}': a delivery from queue '{}' has no {} header: is it a stream? It is passed on unpositioned",
                    group, topic, AmqpMessageCodec.STREAM_OFFSET);
            buffer.add(AmqpMessageCodec.message(topic, envelope, properties, body, handles.issue(envelope.getDeliveryTag())));
            return;
        }
        long offset = number.longValue();
        if (!position.delivered(offset)) {
            settle(envelope.getDeliveryTag());
            return;
        }
        if (first) {
            first = false;
            // one offset past the start is normal: RabbitMQ gives offsets to its own bookkeeping entries too
            // (one as a segment begins), so the committed offset may name one; retention removes whole segments
            if (start != StreamPosition.UNKNOWN && offset > start + 1) {
                LOG.warn("Group '{}' on topic '{}': its committed offset {} is no longer in the stream (removed by the "
                        + "stream's retention); it resumes at the first retained message, offset {}: up to {} messages skipped",
                        group, topic, start, offset, offset - start);
            }
        }
        deliveries.put(envelope.getDeliveryTag(), new Delivered(topic, position, offset));
        BytesMessageImpl message = AmqpMessageCodec.message(topic, envelope, properties, body, handles.issue(envelope.getDeliveryTag()));
        message.putSysHeaders(AmqpMessageCodec.QUEUE_OFFSET, offset);
        buffer.add(message);
    }

    @Override
    public void handleCancel(String consumerTag) {
        LOG.warn("The broker cancelled consumer {} of group '{}' on stream '{}' (was it deleted?): no more messages from it",
                consumerTag, group, topic);
    }

    /**
     * Where an unacked delivery comes from: its topic, and the position it was recorded in (a seek gives the
     * topic a new one; an ack of a delivery from before it must not count in the new one).
     */
    record Delivered(String topic, StreamPosition position, long offset) {
    }

    private void settle(long deliveryTag) {
        try {
            credits.settled(getChannel(), deliveryTag);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Group '{}': ack of a skipped delivery failed: {}", group, BrokerErrors.reason(e));
        }
    }
}
