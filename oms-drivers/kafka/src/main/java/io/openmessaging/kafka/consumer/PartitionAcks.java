package io.openmessaging.kafka.consumer;

/**
 * One partition's messages handed out and not acked yet, and so the offset its group may commit: Kafka stores
 * one offset per partition, "the next to read", so the commit may go only as far as the first message not
 * acked. Acks that come out of order are held here until those before them come. Offsets grow along a
 * partition but may skip values (compaction, transaction markers), so the handed-out offsets are kept, in
 * order, in a ring (no boxing: one long and one flag a message in flight). Not thread-safe: {@link AckTracker}
 * guards it.
 */
final class PartitionAcks {
    /** No offset known: nothing handed out yet, and no start given. */
    static final long NONE = -1;
    private static final int INITIAL_CAPACITY = 64;

    /** Tells the receipt handles of this run of the partition from those of an earlier one (before a revoke or seek). */
    final long epoch;
    private long[] offsets = new long[INITIAL_CAPACITY];
    private boolean[] acked = new boolean[INITIAL_CAPACITY];
    /** the oldest unacked message's slot; it is never acked (acked ones at the head are dropped at once) */
    private int head;
    private int size;
    /** the offset after the last one handed out, or where the partition was told to start */
    private long next;
    /** the highest offset the group's commit is known to hold */
    private long committed = NONE;

    PartitionAcks(long epoch, long start) {
        this.epoch = epoch;
        this.next = start;
    }

    /** Whether {@code offset} may be handed out next: offsets grow along a partition. */
    boolean follows(long offset) {
        return next == NONE || offset >= next;
    }

    /** Records a message handed out; see {@link #follows}. */
    void handedOut(long offset) {
        if (!follows(offset)) {
            throw new IllegalArgumentException("offset " + offset + " handed out after " + (next - 1));
        }
        if (size == offsets.length) {
            grow();
        }
        int slot = (head + size) & (offsets.length - 1);
        offsets[slot] = offset;
        acked[slot] = false;
        size++;
        next = offset + 1;
    }

    /** Records an ack; false when {@code offset} is no message handed out and not acked yet. */
    boolean ack(long offset) {
        int index = indexOf(offset);
        if (index < 0) {
            return false;
        }
        int slot = (head + index) & (offsets.length - 1);
        if (acked[slot]) {
            return false;
        }
        acked[slot] = true;
        while (size > 0 && acked[head]) {
            head = (head + 1) & (offsets.length - 1);
            size--;
        }
        return true;
    }

    /** The offset the group may commit: the first message not acked, else the one after the last handed out. */
    long position() {
        return size > 0 ? offsets[head] : next;
    }

    /** {@link #position()} when a commit would move it, else {@link #NONE}. */
    long uncommitted() {
        long position = position();
        return position != NONE && position > committed ? position : NONE;
    }

    /** Records that the group's commit holds {@code offset}. */
    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Binary search of the ring, whose offsets grow from head on; -1 when absent. */
    private int indexOf(long offset) {
        int low = 0;
        int high = size - 1;
        int mask = offsets.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long value = offsets[(head + mid) & mask];
            if (value < offset) {
                low = mid + 1;
            } else if (value > offset) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private void grow() {
        long[] biggerOffsets = new long[offsets.length * 2];
        boolean[] biggerAcked = new boolean[offsets.length * 2];
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & (offsets.length - 1);
            biggerOffsets[i] = offsets[slot];
            biggerAcked[i] = acked[slot];
        }
        offsets = biggerOffsets;
        acked = biggerAcked;
        head = 0;
    }
}
