package io.openmessaging.rabbitmq.producer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.rabbitmq.connection.BrokerErrors;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Matches the broker's publisher confirms to the futures of the messages sent on one channel.
 * A message is registered under its publish sequence number before it is published; the broker's
 * ack completes it, a nack or a mandatory return (no queue bound to the exchange: nobody would ever
 * receive it) fails it, and so does the channel's closing before the broker answered.
 * The broker sends a return before the ack of the same message, so a return only marks the message.
 */
final class ConfirmTracker implements ConfirmListener, ReturnListener, ShutdownListener {
    private final ConcurrentNavigableMap<Long, Pending> bySequence = new ConcurrentSkipListMap<>();
    private final Map<String, Pending> byMessageId = new ConcurrentHashMap<>();
    private final Runnable onChannelLost;

    /** {@code onChannelLost} runs when the channel closes, after the pending futures failed. */
    ConfirmTracker(Runnable onChannelLost) {
        this.onChannelLost = onChannelLost;
    }

    void track(long sequence, String messageId, String topic, SendFuture future) {
        Pending pending = new Pending(messageId, topic, future);
        byMessageId.put(messageId, pending);
        bySequence.put(sequence, pending);
    }

    /** For a publish that failed locally: nothing will confirm it. */
    void untrack(long sequence) {
        Pending pending = bySequence.remove(sequence);
        if (pending != null) {
            byMessageId.remove(pending.messageId);
        }
    }

    boolean isEmpty() {
        return bySequence.isEmpty();
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, null);
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, "the broker refused the message (nack): it may not be stored");
    }

    @Override
    public void handleReturn(int replyCode, String replyText, String exchange, String routingKey,
                             AMQP.BasicProperties properties, byte[] body) {
        Pending pending = properties.getMessageId() == null ? null : byMessageId.get(properties.getMessageId());
        if (pending != null) {
            pending.returned = "no consumer group queue is bound to exchange '" + exchange + "' (" + replyCode + " "
                    + replyText + "): nobody would receive it; attach a consumer group or createQueue first";
        }
    }

    @Override
    public void shutdownCompleted(ShutdownSignalException cause) {
        failAll("the channel closed before the broker confirmed the message, which may or may not be stored: "
                + BrokerErrors.reason(cause));
        onChannelLost.run();
    }

    /** Fails every message still waiting for the broker. */
    void failAll(String reason) {
        for (Map.Entry<Long, Pending> entry = bySequence.pollFirstEntry(); entry != null; entry = bySequence.pollFirstEntry()) {
            fail(entry.getValue(), reason);
        }
    }

    private void settle(long deliveryTag, boolean multiple, String failure) {
        if (multiple) {
            ConcurrentNavigableMap<Long, Pending> settled = bySequence.headMap(deliveryTag, true);
            for (Map.Entry<Long, Pending> entry = settled.pollFirstEntry(); entry != null; entry = settled.pollFirstEntry()) {
                settle(entry.getValue(), failure);
            }
        } else {
            Pending pending = bySequence.remove(deliveryTag);
            if (pending != null) {
                settle(pending, failure);
            }
        }
    }

    private void settle(Pending pending, String failure) {
        String reason = failure != null ? failure : pending.returned;
        if (reason != null) {
            fail(pending, reason);
        } else {
            byMessageId.remove(pending.messageId);
            pending.future.set(new SendResultImpl(pending.messageId));
        }
    }

    private void fail(Pending pending, String reason) {
        byMessageId.remove(pending.messageId);
        pending.future.setFailure(new OMSRuntimeException("-1",
                "Send of message " + pending.messageId + " to '" + pending.topic + "' failed: " + reason));
    }

    private static final class Pending {
        final String messageId;
        final String topic;
        final SendFuture future;
        /** why the broker returned it; written by the return and read by the ack, both on the connection's thread */
        volatile String returned;

        Pending(String messageId, String topic, SendFuture future) {
            this.messageId = messageId;
            this.topic = topic;
            this.future = future;
        }
    }
}
