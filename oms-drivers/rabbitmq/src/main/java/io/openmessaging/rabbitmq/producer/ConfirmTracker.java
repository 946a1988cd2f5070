package io.openmessaging.rabbitmq.producer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import io.openmessaging.rabbitmq.connection.BrokerErrors;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Matches the broker's publisher confirms to the messages sent on one channel. A message is registered
 * under its publish sequence number before it is published; the broker's ack completes it. A nack, or
 * the channel's closing before the broker answered, hands it to the {@link Retry}: the broker may not
 * have stored it, and a publish again (once the channel is back) can still store it. A mandatory return
 * (no queue bound to the exchange: nobody would ever receive it, the classic layout without a group)
 * fails it: sending again would not help. The broker sends a return before the ack of the same message,
 * so a return only marks the message.
 */
final class ConfirmTracker implements ConfirmListener, ReturnListener, ShutdownListener {
    private final ConcurrentNavigableMap<Long, Outgoing> bySequence = new ConcurrentSkipListMap<>();
    private final Map<String, Outgoing> byMessageId = new ConcurrentHashMap<>();
    private final Runnable onChannelLost;
    private final Retry retry;

    /** What to do with a message the broker did not confirm; runs on the connection's thread, so it must not block. */
    @FunctionalInterface
    interface Retry {
        void unconfirmed(Outgoing message, String reason);
    }

    /** {@code onChannelLost} runs when the channel closes, after the pending messages went to {@code retry}. */
    ConfirmTracker(Runnable onChannelLost, Retry retry) {
        this.onChannelLost = onChannelLost;
        this.retry = retry;
    }

    void track(long sequence, Outgoing message) {
        byMessageId.put(message.id, message);
        bySequence.put(sequence, message);
    }

    /** For a publish that failed locally: nothing will confirm it. */
    void untrack(long sequence) {
        Outgoing pending = bySequence.remove(sequence);
        if (pending != null) {
            byMessageId.remove(pending.id);
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
        settle(deliveryTag, multiple, "the broker refused the message (nack)");
    }

    @Override
    public void handleReturn(int replyCode, String replyText, String exchange, String routingKey,
                             AMQP.BasicProperties properties, byte[] body) {
        Outgoing pending = properties.getMessageId() == null ? null : byMessageId.get(properties.getMessageId());
        if (pending != null) {
            pending.returned = "no consumer group queue is bound to exchange '" + exchange + "' (" + replyCode + " "
                    + replyText + "): nobody would receive it; attach a consumer group or createQueue first";
        }
    }

    @Override
    public void shutdownCompleted(ShutdownSignalException cause) {
        String reason = "the channel closed before the broker confirmed the message: " + BrokerErrors.reason(cause);
        onChannelLost.run();
        for (Map.Entry<Long, Outgoing> entry = bySequence.pollFirstEntry(); entry != null; entry = bySequence.pollFirstEntry()) {
            byMessageId.remove(entry.getValue().id);
            retry.unconfirmed(entry.getValue(), reason);
        }
    }

    /** Fails every message still waiting for the broker. */
    void failAll(String reason) {
        for (Map.Entry<Long, Outgoing> entry = bySequence.pollFirstEntry(); entry != null; entry = bySequence.pollFirstEntry()) {
            byMessageId.remove(entry.getValue().id);
            entry.getValue().fail(reason);
        }
    }

    private void settle(long deliveryTag, boolean multiple, String nack) {
        if (multiple) {
            ConcurrentNavigableMap<Long, Outgoing> settled = bySequence.headMap(deliveryTag, true);
            for (Map.Entry<Long, Outgoing> entry = settled.pollFirstEntry(); entry != null; entry = settled.pollFirstEntry()) {
                settle(entry.getValue(), nack);
            }
        } else {
            Outgoing pending = bySequence.remove(deliveryTag);
            if (pending != null) {
                settle(pending, nack);
            }
        }
    }

    private void settle(Outgoing pending, String nack) {
        byMessageId.remove(pending.id);
        if (pending.returned != null) {
            pending.fail(pending.returned);
        } else if (nack != null) {
            retry.unconfirmed(pending, nack);
        } else {
            pending.confirmed();
        }
    }
}
