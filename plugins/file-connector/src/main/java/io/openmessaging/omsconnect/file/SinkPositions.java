package io.openmessaging.omsconnect.file;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.data.RecordPosition;
import io.openmessaging.omsconnect.api.SinkRecordOffset;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last {@code queueOffset} in the file per partition, and the check that makes the sink
 * exactly-once: a record whose offset is at or before its partition's last one is already in the
 * file (a redelivery after a crash, or after the worker went back), so it is skipped. Records
 * without a {@code queueOffset} (a driver that gives no monotonic position) are always written.
 *
 * <p>Called for every record, so the common case costs an identity compare, a map lookup and a
 * long compare: the worker hands out one {@link RecordPartition} instance per topic, so the key is
 * computed once per instance, not per record. Not thread-safe: the sink task serializes its calls.
 */
final class SinkPositions {

    static final String QUEUE_OFFSET = SinkRecordOffset.QUEUE_OFFSET;
    static final String TOPIC = "topic";

    private static final Logger LOG = LoggerFactory.getLogger(SinkPositions.class);
    /** Bounds the identity cache in case a driver makes a new partition instance per record. */
    private static final int IDENTITY_CACHE_LIMIT = 1024;

    /** One partition's position; mutable, so the hot path changes a field instead of a map entry. */
    private static final class Slot {
        final String key;
        boolean known;
        long last;

        Slot(String key) {
            this.key = key;
        }
    }

    private final Map<String, Slot> byKey = new HashMap<>();
    private final Map<RecordPartition, Slot> byInstance = new IdentityHashMap<>();
    private RecordPartition lastPartition;
    private Slot lastSlot;
    private boolean changed;
    private long skipped;
    private boolean warnedUnreadable;

    /** Starts from the committed positions. */
    SinkPositions(Map<String, Long> committed) {
        committed.forEach((key, offset) -> {
            Slot slot = new Slot(key);
            slot.known = true;
            slot.last = offset;
            byKey.put(key, slot);
        });
    }

    /**
     * Whether {@code record} is to be written: true, and its partition's position moved to it, when
     * it has no {@code queueOffset} or one after the partition's last; false (and counted) otherwise.
     */
    boolean admit(ConnectRecord record) {
        RecordPosition position = record.getPosition();
        if (position == null) {
            return true;
        }
        RecordOffset offset = position.getOffset();
        Map<String, ?> entries = offset == null ? null : offset.getOffset();
        // the worker's SinkRecordOffset gives its number at once; other maps a whole number or its text
        long queueOffset = SinkRecordOffset.queueOffsetOf(entries);
        if (queueOffset == SinkRecordOffset.NONE) {
            Object value = entries == null ? null : entries.get(QUEUE_OFFSET);
            if (value == null) {
                return true;
            }
            if (value instanceof String) {
                return unreadable(value);
            }
            try {
                // a decoder may give a BigDecimal or a Double: taken when it is a whole number a long holds
                queueOffset = new BigDecimal(value.toString()).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                return unreadable(value);
            }
        }
        return admit(position, queueOffset);
    }

    private boolean admit(RecordPosition position, long queueOffset) {
        Slot slot = slotOf(position.getPartition());
        if (slot.known && queueOffset <= slot.last) {
            skipped++;
            return false;
        }
        slot.known = true;
        slot.last = queueOffset;
        changed = true;
        return true;
    }

    private boolean unreadable(Object value) {
        if (!warnedUnreadable) {
            warnedUnreadable = true;
            LOG.warn("A record's {} '{}' ({}) is not a whole number: such records are written at-least-once, never skipped",
                QUEUE_OFFSET, value, value.getClass().getName());
        }
        return true;
    }

    private Slot slotOf(RecordPartition partition) {
        if (partition == lastPartition && lastSlot != null) {
            return lastSlot;
        }
        Slot slot = byInstance.get(partition);
        if (slot == null) {
            String key = PartitionKey.of(partition);
            slot = byKey.get(key);
            if (slot == null) {
                slot = carriedOver(partition, key);
                byKey.put(key, slot);
            }
            if (byInstance.size() >= IDENTITY_CACHE_LIMIT) {
                byInstance.clear();
            }
            byInstance.put(partition, slot);
        }
        lastPartition = partition;
        lastSlot = slot;
        return slot;
    }

    /**
     * The new slot of a partition not seen yet; where the file's commit log holds a position under the key
     * earlier worker versions gave the partition ({@code {topic}} alone, now {@code {topic, brokerName,
     * queueId}}), that position moves to the new key: a worker upgraded after a crash still skips what the
     * file already holds.
     */
    private Slot carriedOver(RecordPartition partition, String key) {
        Slot slot = new Slot(key);
        Map<String, ?> entries = partition == null ? null : partition.getPartition();
        Object topic = entries == null ? null : entries.get(TOPIC);
        if (topic != null && entries.size() > 1) {
            Slot legacy = byKey.remove(PartitionKey.of(new RecordPartition(Map.of(TOPIC, topic))));
            if (legacy != null && legacy.known) {
                slot.known = true;
                slot.last = legacy.last;
                changed = true;
                LOG.info("Position {} of partition {} carried over to {}", legacy.last, legacy.key, key);
            }
        }
        return slot;
    }

    /** Whether a position moved since the last {@link #snapshot()}. */
    boolean changed() {
        return changed;
    }

    /** The positions to commit (every partition with one), and marks them unchanged. */
    Map<String, Long> snapshot() {
        Map<String, Long> positions = new HashMap<>();
        for (Slot slot : byKey.values()) {
            if (slot.known) {
                positions.put(slot.key, slot.last);
            }
        }
        changed = false;
        return positions;
    }

    /** The records skipped since the last call, and resets the count. */
    long takeSkipped() {
        long count = skipped;
        skipped = 0;
        return count;
    }
}
