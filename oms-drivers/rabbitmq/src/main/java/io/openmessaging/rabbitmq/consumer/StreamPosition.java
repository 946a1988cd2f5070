package io.openmessaging.rabbitmq.consumer;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Where one consumer group stands on one stream: which delivered offsets are still unacked, and so the
 * offset the group has committed to, the one it resumes at after a restart. Acks may come in any order;
 * the committed offset is the first delivered offset not yet acked, or, when every delivery was acked,
 * the offset after the last one delivered ({@code 1 +} the highest offset below which every delivered
 * message was acked). Before the first delivery it is the offset the group started at, if known.
 * Thread-safe: the broker's delivery thread and the application's ack threads both update it.
 */
public final class StreamPosition {
    /** No offset known: a new group that has received nothing yet. */
    public static final long UNKNOWN = -1;

    private final NavigableSet<Long> unacked = new TreeSet<>(); // guarded by this
    private long next; // guarded by this: the offset after the last delivery, or the start
    private long persisted; // guarded by this: the last committed offset the store confirmed

    /** A position starting at {@code start} (a stored committed offset), or {@link #UNKNOWN}. */
    public StreamPosition(long start) {
        this.next = start;
        this.persisted = start;
    }

    /**
     * Records a delivery; returns false (the caller drops it) for an offset this position has already
     * seen, which a new subscription may deliver again.
     */
    public synchronized boolean delivered(long offset) {
        if (next != UNKNOWN && offset < next) {
            return false;
        }
        unacked.add(offset);
        next = offset + 1;
        return true;
    }

    /** Records an ack; false when the offset was not an unacked delivery. */
    public synchronized boolean acked(long offset) {
        return unacked.remove(offset);
    }

    /** Forgets the unacked deliveries: their channel is gone and they will be delivered again. */
    public synchronized void rewind() {
        if (!unacked.isEmpty()) {
            next = unacked.first();
            unacked.clear();
        }
    }

    /** The offset to resume at, or {@link #UNKNOWN} when nothing was delivered to a new group yet. */
    public synchronized long committed() {
        return unacked.isEmpty() ? next : unacked.first();
    }

    /** The committed offset when it moved since the last {@link #persisted(long)}, else {@link #UNKNOWN}. */
    public synchronized long unpersisted() {
        long committed = committed();
        return committed != persisted ? committed : UNKNOWN;
    }

    /** Records that the store holds {@code offset} now. */
    public synchronized void persisted(long offset) {
        persisted = offset;
    }

    /** Moves a position that has nothing unacked to {@code offset}, e.g. a later one another consumer stored. */
    public synchronized void advanceTo(long offset) {
        if (unacked.isEmpty() && offset > next) {
            next = offset;
            persisted = offset;
        }
    }
}
