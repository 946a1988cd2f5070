package io.openmessaging.kafka.consumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class AckTrackerTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private final AckTracker tracker = new AckTracker();

    @Test
    void partitionsAreTrackedApart() {
        long e0 = tracker.handedOut(P0, 0);
        long e1 = tracker.handedOut(P1, 0);
        tracker.handedOut(P1, 1);
        assertEquals(AckTracker.Ack.ACKED, tracker.ack(new ReceiptHandle(e1, P1, 1)));
        assertEquals(AckTracker.Ack.ACKED, tracker.ack(new ReceiptHandle(e0, P0, 0)));
        assertEquals(Map.of(P0, new OffsetAndMetadata(1), P1, new OffsetAndMetadata(0)), tracker.uncommitted(null));
        assertEquals(Map.of(P1, new OffsetAndMetadata(0)), tracker.uncommitted(List.of(P1)));
    }

    @Test
    void committedOffsetsAreNotCommittedAgain() {
        long epoch = tracker.handedOut(P0, 5);
        tracker.ack(new ReceiptHandle(epoch, P0, 5));
        Map<TopicPartition, OffsetAndMetadata> due = tracker.uncommitted(null);
        assertEquals(Map.of(P0, new OffsetAndMetadata(6)), due);
        tracker.committed(due);
        assertEquals(Map.of(), tracker.uncommitted(null));
    }

    @Test
    void handlesFromBeforeARevokeAreStale() {
        long before = tracker.handedOut(P0, 0);
        tracker.forget(List.of(P0));
        assertEquals(AckTracker.Ack.STALE, tracker.ack(new ReceiptHandle(before, P0, 0)));
        long after = tracker.handedOut(P0, 0); // the group gave the partition back: read again from its commit
        assertNotEquals(before, after);
        assertEquals(AckTracker.Ack.STALE, tracker.ack(new ReceiptHandle(before, P0, 0)));
        assertEquals(AckTracker.Ack.ACKED, tracker.ack(new ReceiptHandle(after, P0, 0)));
    }

    @Test
    void aSeekForgetsWhatWasHandedOutAndStartsAtItsCommittedOffset() {
        long before = tracker.handedOut(P0, 7);
        tracker.restartAt(P0, 3);
        assertEquals(AckTracker.Ack.STALE, tracker.ack(new ReceiptHandle(before, P0, 7)));
        assertEquals(Map.of(), tracker.uncommitted(null), "the seek committed 3 already");
        long after = tracker.handedOut(P0, 3);
        tracker.ack(new ReceiptHandle(after, P0, 3));
        assertEquals(Map.of(P0, new OffsetAndMetadata(4)), tracker.uncommitted(null));
    }

    @Test
    void aPartitionThatGoesBackStartsANewRun() {
        long first = tracker.handedOut(P0, 100);
        long second = tracker.handedOut(P0, 0); // the topic was deleted and made again
        assertNotEquals(first, second);
        assertEquals(AckTracker.Ack.STALE, tracker.ack(new ReceiptHandle(first, P0, 100)));
        assertEquals(AckTracker.Ack.ACKED, tracker.ack(new ReceiptHandle(second, P0, 0)));
    }

    @Test
    void anAckTwiceOrOfNothingHandedOutIsUnknown() {
        long epoch = tracker.handedOut(P0, 0);
        assertEquals(AckTracker.Ack.ACKED, tracker.ack(new ReceiptHandle(epoch, P0, 0)));
        assertEquals(AckTracker.Ack.UNKNOWN, tracker.ack(new ReceiptHandle(epoch, P0, 0)));
        assertEquals(AckTracker.Ack.UNKNOWN, tracker.ack(new ReceiptHandle(epoch, P0, 9)));
    }
}
