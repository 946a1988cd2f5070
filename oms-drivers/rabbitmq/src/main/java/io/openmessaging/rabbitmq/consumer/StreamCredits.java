package io.openmessaging.rabbitmq.consumer;

import com.rabbitmq.client.Channel;

import java.io.IOException;

/**
 * Gives a stream consumer's channel its credit back in batches. On a stream an AMQP ack only lets the broker send
 * more (the group's position is stored apart, by {@link GroupOffsets}), so one {@code multiple} ack of the highest
 * delivery tag settled stands for all of them: a frame and a socket write per {@code batch} messages instead of one
 * each. It never acks a tag twice (the broker closes a channel that acks a tag it does not know): a tag at or below
 * the last one acked is already covered. A new channel starts its tags again, so it starts afresh. Thread-safe:
 * messages are settled by the receiving thread and by the subscriptions'.
 */
final class StreamCredits {
    private final int batch;
    private Channel channel;
    /** the highest tag settled on {@link #channel} */
    private long highest;
    /** the highest tag acked on {@link #channel} */
    private long acked;
    /** settled since the last ack */
    private int pending;

    /** @param batch how many settled messages one ack stands for, at most (at least 1) */
    StreamCredits(int batch) {
        this.batch = Math.max(1, batch);
    }

    /** Delivery {@code tag} of {@code on} is done with: acked now, or with the next batch. */
    synchronized void settled(Channel on, long tag) throws IOException {
        if (on != channel) {
            channel = on;
            highest = 0;
            acked = 0;
            pending = 0;
        }
        if (tag <= acked) {
            return;
        }
        highest = Math.max(highest, tag);
        if (++pending >= batch) {
            ack();
        }
    }

    /**
     * Acks what was settled and not acked yet: before the consumer waits for messages (the broker may be holding
     * back because of the credit held here) and now and then.
     */
    synchronized void flush() throws IOException {
        if (channel != null && highest > acked) {
            ack();
        }
    }

    private void ack() throws IOException {
        channel.basicAck(highest, true);
        acked = highest;
        pending = 0;
    }
}
