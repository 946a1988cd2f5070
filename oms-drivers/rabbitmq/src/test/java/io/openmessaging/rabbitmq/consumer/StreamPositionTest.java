package io.openmessaging.rabbitmq.consumer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamPositionTest {

    @Test
    void aNewGroupHasNoPositionUntilItsFirstDelivery() {
        StreamPosition position = new StreamPosition(StreamPosition.UNKNOWN);
        assertEquals(StreamPosition.UNKNOWN, position.committed());
        assertEquals(StreamPosition.UNKNOWN, position.unpersisted());
        assertTrue(position.delivered(40));
        assertEquals(40, position.committed(), "delivered, not acked: resume at it");
        assertTrue(position.acked(40));
        assertEquals(41, position.committed());
    }

    @Test
    void outOfOrderAcksCommitOnlyUpToTheFirstUnackedDelivery() {
        StreamPosition position = new StreamPosition(10);
        for (long offset = 10; offset < 15; offset++) {
            assertTrue(position.delivered(offset));
        }
        assertTrue(position.acked(12));
        assertTrue(position.acked(14));
        assertEquals(10, position.committed());
        assertTrue(position.acked(10));
        assertEquals(11, position.committed());
        assertTrue(position.acked(11));
        assertEquals(13, position.committed(), "10, 11 and 12 acked, 13 not");
        assertTrue(position.acked(13));
        assertEquals(15, position.committed(), "all acked: after the last delivery");
    }

    @Test
    void gapsInTheOffsetsDoNotHoldThePositionBack() {
        StreamPosition position = new StreamPosition(0);
        position.delivered(5); // 0..4 removed by retention
        position.delivered(9);
        position.acked(5);
        assertEquals(9, position.committed());
        position.acked(9);
        assertEquals(10, position.committed());
    }

    @Test
    void repeatedOrOlderDeliveriesAndUnknownAcksAreRefused() {
        StreamPosition position = new StreamPosition(3);
        assertFalse(position.delivered(2), "before the start");
        assertTrue(position.delivered(3));
        assertFalse(position.delivered(3), "twice");
        assertFalse(position.acked(7));
        assertTrue(position.acked(3));
        assertFalse(position.acked(3), "acked twice");
    }

    @Test
    void unpersistedTellsOnlyAMovedPosition() {
        StreamPosition position = new StreamPosition(0);
        assertEquals(StreamPosition.UNKNOWN, position.unpersisted());
        position.delivered(0);
        position.delivered(1);
        position.acked(1);
        assertEquals(StreamPosition.UNKNOWN, position.unpersisted(), "0 unacked: still at 0");
        position.acked(0);
        assertEquals(2, position.unpersisted());
        position.persisted(2);
        assertEquals(StreamPosition.UNKNOWN, position.unpersisted());
    }

    @Test
    void rewindRedeliversFromTheFirstUnackedAndKeepsAckedProgress() {
        StreamPosition position = new StreamPosition(0);
        for (long offset = 0; offset < 4; offset++) {
            position.delivered(offset);
        }
        position.acked(0);
        position.acked(2);
        position.rewind();
        assertEquals(1, position.committed());
        assertTrue(position.delivered(1), "delivered again after the channel was lost");
        assertTrue(position.delivered(2), "acked after an unacked one: delivered again (at-least-once)");
    }

    @Test
    void advanceToMovesOnlyAnIdlePositionForward() {
        StreamPosition position = new StreamPosition(5);
        position.advanceTo(8);
        assertEquals(8, position.committed());
        position.advanceTo(6);
        assertEquals(8, position.committed());
        position.delivered(8);
        position.advanceTo(20);
        assertEquals(8, position.committed(), "not while a delivery is unacked");
    }
}
