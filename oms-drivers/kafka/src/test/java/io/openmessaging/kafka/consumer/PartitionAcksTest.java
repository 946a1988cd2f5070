package io.openmessaging.kafka.consumer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionAcksTest {

    @Test
    void nothingToCommitBeforeTheFirstMessage() {
        PartitionAcks acks = new PartitionAcks(1, PartitionAcks.NONE);
        assertEquals(PartitionAcks.NONE, acks.position());
        assertEquals(PartitionAcks.NONE, acks.uncommitted());
    }

    @Test
    void inOrderAcksMoveThePositionPastTheLastMessage() {
        PartitionAcks acks = new PartitionAcks(1, PartitionAcks.NONE);
        for (long offset = 10; offset < 13; offset++) {
            acks.handedOut(offset);
        }
        assertEquals(10, acks.position(), "nothing acked: the first message is where the group resumes");
        assertTrue(acks.ack(10));
        assertEquals(11, acks.position());
        assertTrue(acks.ack(11));
        assertTrue(acks.ack(12));
        assertEquals(13, acks.position(), "all acked: the next offset to read");
    }

    @Test
    void acksAfterAGapAreHeldUntilItCloses() {
        PartitionAcks acks = new PartitionAcks(1, PartitionAcks.NONE);
        for (long offset = 0; offset < 5; offset++) {
            acks.handedOut(offset);
        }
        assertTrue(acks.ack(4));
        assertTrue(acks.ack(2));
        assertTrue(acks.ack(1));
        assertEquals(0, acks.position());
        assertTrue(acks.ack(0));
        assertEquals(3, acks.position(), "0, 1, 2 acked; 3 not yet");
        assertTrue(acks.ack(3));
        assertEquals(5, acks.position(), "4 was held and counts now");
    }

    @Test
    void offsetsMaySkipValues() {
        PartitionAcks acks = new PartitionAcks(1, PartitionAcks.NONE);
        acks.handedOut(3);
        acks.handedOut(7); // 4..6 compacted away, or transaction markers
        acks.handedOut(20);
        assertTrue(acks.ack(7));
        assertEquals(3, acks.position());
        assertFalse(acks.ack(5), "never handed out");
        assertTrue(acks.ack(3));
        assertEquals(20, acks.position());
        assertTrue(acks.ack(20));
        assertEquals(21, acks.position());
    }

    @Test
    void anAckOfAnUnknownOrAckedMessageIsRefused() {
        PartitionAcks acks = new PartitionAcks(1, PartitionAcks.NONE);
        acks.handedOut(0);
        acks.handedOut(1);
        assertTrue(acks.ack(1));
        assertFalse(acks.ack(1), "held, acked already");
        assertTrue(acks.ack(0));
        assertFalse(acks.ack(0), "acked and gone");
        assertFalse(acks.ack(2), "not handed out yet");
    }

    @Test
    void manyMessagesInFlightWrapAndGrowTheRing() {
        PartitionAcks acks = new PartitionAcks(1, PartitionAcks.NONE);
        long offset = 0;
        for (; offset < 50; offset++) {
            acks.handedOut(offset);
        }
        for (long acked = 0; acked < 40; acked++) {
            assertTrue(acks.ack(acked));
        }
        for (; offset < 1_000; offset++) { // wraps past the end of the ring, then grows it twice
            acks.handedOut(offset);
        }
        for (long acked = 999; acked > 40; acked--) {
            assertTrue(acks.ack(acked), "offset " + acked);
        }
        assertEquals(40, acks.position());
        assertTrue(acks.ack(40));
        assertEquals(1_000, acks.position());
    }

    @Test
    void aPositionIsUncommittedUntilACommitHoldsIt() {
        PartitionAcks acks = new PartitionAcks(1, PartitionAcks.NONE);
        acks.handedOut(0);
        assertEquals(0, acks.uncommitted(), "the group has no commit yet: even 0 is news");
        acks.committed(0);
        assertEquals(PartitionAcks.NONE, acks.uncommitted());
        acks.ack(0);
        assertEquals(1, acks.uncommitted());
        acks.committed(1);
        acks.committed(0); // a slower, older commit answering late moves nothing back
        assertEquals(PartitionAcks.NONE, acks.uncommitted());
    }

    @Test
    void aStartGivenIsThePositionAndOffsetsMustGrowFromIt() {
        PartitionAcks acks = new PartitionAcks(1, 42);
        assertEquals(42, acks.position());
        assertFalse(acks.follows(41));
        assertTrue(acks.follows(42));
        assertThrows(IllegalArgumentException.class, () -> acks.handedOut(41));
        acks.handedOut(42);
        assertFalse(acks.follows(42));
    }
}
