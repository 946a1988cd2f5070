package io.openmessaging.local.store;

import java.util.Arrays;

/**
 * Delivered-but-unacknowledged records of one consumer group on one queue, in delivery (= offset)
 * order. The committed offset is the first unacknowledged record, or the end of the last delivery
 * when all are acknowledged: everything below it has been processed. Not thread-safe.
 */
final class AckTracker {

    private long[] starts = new long[1024];
    private long[] ends = new long[1024];
    private boolean[] acked = new boolean[1024];
    private int head;
    private int tail;
    private long deliveredEnd;

    AckTracker(long position) {
        deliveredEnd = position;
    }

    void delivered(long start, long end) {
        if (tail == starts.length) {
            makeRoom();
        }
        starts[tail] = start;
        ends[tail] = end;
        acked[tail] = false;
        tail++;
        deliveredEnd = end;
    }

    /** Marks the record at {@code start} acknowledged; false if it is not in flight. */
    boolean ack(long start) {
        int index = Arrays.binarySearch(starts, head, tail, start);
        if (index < 0) {
            return false;
        }
        acked[index] = true;
        while (head < tail && acked[head]) {
            head++;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        return true;
    }

    long committed() {
        return head < tail ? starts[head] : deliveredEnd;
    }

    boolean hasInFlight() {
        return head < tail;
    }

    /** Forgets every delivery: the next one starts at {@code position}. */
    void reset(long position) {
        head = 0;
        tail = 0;
        deliveredEnd = position;
    }

    private void makeRoom() {
        int live = tail - head;
        if (head > 0 && live < starts.length / 2) {
            System.arraycopy(starts, head, starts, 0, live);
            System.arraycopy(ends, head, ends, 0, live);
            System.arraycopy(acked, head, acked, 0, live);
        } else {
            long[] newStarts = new long[starts.length * 2];
            long[] newEnds = new long[starts.length * 2];
            boolean[] newAcked = new boolean[starts.length * 2];
            System.arraycopy(starts, head, newStarts, 0, live);
            System.arraycopy(ends, head, newEnds, 0, live);
            System.arraycopy(acked, head, newAcked, 0, live);
            starts = newStarts;
            ends = newEnds;
            acked = newAcked;
        }
        head = 0;
        tail = live;
    }
}
