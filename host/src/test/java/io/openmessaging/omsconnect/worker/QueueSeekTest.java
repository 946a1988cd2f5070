package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.omsconnect.convert.TestMessage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueSeekTest {

    @Test
    void aSeekAsksTheDriverWithThePositionHeadersAndCoversItsQueueOnly() {
        QueueSeek partitionTwo = new QueueSeek("orders", "2", 40);
        KeyValue attributes = partitionTwo.attributes();
        assertEquals(40L, attributes.getLong("QUEUE_OFFSET"));
        assertEquals("2", attributes.getString("QUEUE_ID"));

        TestMessage ofTwo = new TestMessage("orders", new byte[0]);
        ofTwo.putSysHeaders("QUEUE_ID", "2");
        TestMessage ofOne = new TestMessage("orders", new byte[0]);
        ofOne.putSysHeaders("QUEUE_ID", "1");
        assertTrue(partitionTwo.covers(ofTwo));
        assertFalse(partitionTwo.covers(ofOne), "another partition of the topic keeps its messages");
        assertFalse(partitionTwo.covers(new TestMessage("other", new byte[0])));

        // one queue per topic (no QUEUE_ID on messages): queue 0, and a seek naming no queue covers the topic
        TestMessage single = new TestMessage("orders", new byte[0]);
        assertTrue(new QueueSeek("orders", "0", 5).covers(single));
        assertTrue(new QueueSeek("orders", null, 5).covers(ofOne));
        assertFalse(new QueueSeek("orders", null, 5).attributes().containsKey("QUEUE_ID"));
    }
}
