package io.openmessaging.rabbitmq.consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.openmessaging.rabbitmq.message.AmqpMessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.BlockingQueue;

/**
 * Receives the broker's pushes for one group queue and hands them to {@link PullConsumerImpl#receive}
 * through its buffer. The broker never pushes more than the channel's prefetch of unacked messages,
 * which bounds the buffer.
 */
final class BufferingConsumer extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(BufferingConsumer.class);

    private final String topic;
    private final ReceiptHandles handles;
    private final BlockingQueue<io.openmessaging.Message> buffer;

    BufferingConsumer(Channel channel, String topic, ReceiptHandles handles, BlockingQueue<io.openmessaging.Message> buffer) {
        super(channel);
        this.topic = topic;
        this.handles = handles;
        this.buffer = buffer;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        String handle = handles.issue(envelope.getDeliveryTag());
        buffer.add(AmqpMessageCodec.message(topic, envelope, properties, body, handle));
    }

    @Override
    public void handleCancel(String consumerTag) {
        LOG.warn("The broker cancelled consumer {} of topic '{}' (its queue was deleted?): no more messages from it",
                consumerTag, topic);
    }
}
