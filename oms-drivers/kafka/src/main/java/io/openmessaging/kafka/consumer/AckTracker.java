package io.openmessaging.kafka.consumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What a consumer handed out and what was acked, per partition, and so the offsets its group may commit
 * ({@link PartitionAcks}). A partition revoked, lost or sought is forgotten: its messages come again from the
 * group's commit, and receipt handles issued before carry an older epoch, so their acks move nothing.
 * Thread-safe: acks may come from any thread while the consumer's thread hands out and commits.
 */
final class AckTracker {
    /** What an ack did. */
    enum Ack {
        /** recorded */
        ACKED,
        /** of a message handed out before its partition was revoked or sought: it comes again, nothing to record */
        STALE,
        /** no such message is waiting for an ack (never handed out, or acked already) */
        UNKNOWN
    }

    private final Map<TopicPartition, PartitionAcks> partitions = new HashMap<>();
    private long epochs;

    /**
     * Records a message handed out; returns the epoch its receipt handle carries. A partition that went back
     * (its topic deleted and made again, or an offset reset) starts a new run: what was handed out before is
     * forgotten.
     */
    synchronized long handedOut(TopicPartition partition, long offset) {
        PartitionAcks acks = partitions.get(partition);
        if (acks == null || !acks.follows(offset)) {
            acks = new PartitionAcks(++epochs, PartitionAcks.NONE);
            partitions.put(partition, acks);
        }
        acks.handedOut(offset);
        return acks.epoch;
    }

    synchronized Ack ack(ReceiptHandle handle) {
        PartitionAcks acks = partitions.get(handle.partition());
        if (acks == null || acks.epoch != handle.epoch()) {
            return Ack.STALE;
        }
        return acks.ack(handle.offset()) ? Ack.ACKED : Ack.UNKNOWN;
    }

    /** The partition is read again from {@code offset}, which the group's commit holds: what was handed out before is forgotten. */
    synchronized void restartAt(TopicPartition partition, long offset) {
        PartitionAcks acks = new PartitionAcks(++epochs, offset);
        acks.committed(offset);
        partitions.put(partition, acks);
    }

    /** The commits that would move the group forward, of {@code among} (null: every partition). */
    synchronized Map<TopicPartition, OffsetAndMetadata> uncommitted(Collection<TopicPartition> among) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionAcks> entry : partitions.entrySet()) {
            long offset = entry.getValue().uncommitted();
            if (offset != PartitionAcks.NONE && (among == null || among.contains(entry.getKey()))) {
                offsets.put(entry.getKey(), new OffsetAndMetadata(offset));
            }
        }
        return offsets;
    }

    /** Records a commit the group made. */
    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
            PartitionAcks acks = partitions.get(entry.getKey());
            if (acks != null) {
                acks.committed(entry.getValue().offset());
            }
        }
    }

    /** Forgets partitions this consumer no longer reads (null: all). */
    synchronized void forget(Collection<TopicPartition> gone) {
        if (gone == null) {
            partitions.clear();
        } else {
            partitions.keySet().removeAll(gone);
        }
    }
}
