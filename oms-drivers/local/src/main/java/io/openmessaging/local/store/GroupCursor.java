package io.openmessaging.local.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where one consumer group stands in one queue: the next record to deliver and the deliveries
 * still waiting for an ack. Consumers of the same group share it, so they compete for records
 * rather than each receiving all of them. It starts at the group's committed offset (the start of
 * the queue for a new group).
 */
public final class GroupCursor {

    private final String group;
    private final String queue;
    private final Store store;
    private final RecordBuffer records = new RecordBuffer();
    private final AckTracker acks;
    private QueueLog log;
    private long position;
    /** The segment of the last read: consecutive reads nearly always stay in it, so no map lookup for them. */
    private Segment lastSegment;

    GroupCursor(String group, String queue, Store store, long committed) {
        this.group = group;
        this.queue = queue;
        this.store = store;
        this.position = committed;
        this.acks = new AckTracker(committed);
    }

    public String group() {
        return group;
    }

    public String queue() {
        return queue;
    }

    /** The next record, decoded, or null if there is none yet. Does not wait. */
    public synchronized <T> T poll(RecordDecoder<T> decoder) {
        QueueLog current = resolve();
        if (current == null) {
            return null;
        }
        Segment segment = lastSegment;
        if (segment == null || position < segment.base() || position >= segment.base() + segment.size()) {
            segment = current.segmentFor(position);
            if (segment == null) {
                return null;
            }
            lastSegment = segment;
        }
        ByteBuffer payload;
        try {
            payload = records.next(segment, position - segment.base(), segment.size());
        } catch (IOException e) {
            throw new StoreException("queue " + queue + ": read at offset " + position + " failed", e);
        }
        if (payload == null) {
            return null;
        }
        int bytes = records.lastRecordBytes();
        T value = decoder.decode(queue, position, payload);
        acks.delivered(position, position + bytes);
        position += bytes;
        return value;
    }

    /** Acknowledges the record at {@code offset}; false if it was not awaiting an ack. */
    public synchronized boolean ack(long offset) {
        return acks.ack(offset);
    }

    /** The offset below which the group has acknowledged every record. */
    public synchronized long committed() {
        return acks.committed();
    }

    /**
     * A consumer leaves: records delivered but not acknowledged are handed out again (to any
     * member), from the committed offset on. Records acked meanwhile by other members may be
     * delivered twice: delivery is at-least-once.
     */
    public synchronized void leave() {
        if (acks.hasInFlight()) {
            position = acks.committed();
            acks.reset(position);
        }
    }

    /**
     * The group reads the queue from {@code offset} on: the record there is the next delivered, and the
     * group's committed offset is {@code offset} (records before it count as processed, records after it
     * come again). Deliveries not acknowledged yet are forgotten: their acks are ignored. {@code offset}
     * must be a record's offset (as its messages' QUEUE_OFFSET gives it) or the queue's end; one before the
     * oldest record kept means that record (0 is the queue's start, whether it exists yet or not).
     *
     * @throws StoreException when it is not
     */
    public synchronized void seek(long offset) {
        QueueLog current = resolve();
        if (current == null) {
            if (offset != 0) {
                throw new StoreException("queue " + queue + " does not exist: nothing to seek in");
            }
            position = 0; // where the queue starts once it is made
            acks.reset(0);
            return;
        }
        if (offset < current.startOffset()) {
            offset = current.startOffset(); // before what retention kept: the oldest record kept, as Kafka's "earliest"
        }
        if (offset > current.endOffset()) {
            throw new StoreException("queue " + queue + " holds offsets " + current.startOffset() + " to "
                + current.endOffset() + ", not " + offset);
        }
        if (offset < current.endOffset()) {
            // a record must start there: read it, its frame's length and CRC check that it does
            Segment segment = current.segmentFor(offset);
            try {
                if (segment == null || records.next(segment, offset - segment.base(), segment.size()) == null) {
                    throw new StoreException("queue " + queue + ": no record at offset " + offset);
                }
            } catch (IOException | CorruptRecordException e) {
                throw new StoreException("queue " + queue + ": offset " + offset + " is not where a record starts", e);
            } finally {
                records.invalidate();
            }
        }
        position = offset;
        acks.reset(offset);
        lastSegment = null;
    }

    /** The queue was deleted: start over from its beginning if it comes back. */
    synchronized void reset() {
        log = null;
        lastSegment = null;
        position = 0;
        acks.reset(0);
        records.invalidate();
    }

    private QueueLog resolve() {
        if (log != null && !log.isDeleted()) {
            return log;
        }
        QueueLog current = store.queue(queue);
        if (current == null) {
            return null;
        }
        lastSegment = null;
        if (log != null) {
            position = current.startOffset();
            acks.reset(position);
            records.invalidate();
        } else if (position > current.endOffset()) {
            // the tail was cut after a crash that lost more than process memory (fsync=never and a power loss)
            position = current.endOffset();
            acks.reset(position);
        }
        log = current;
        return current;
    }
}
