package io.openmessaging.omsconnect.convert;

import io.openmessaging.Message;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class QueuePositionsTest {
    private final QueuePositions positions = new QueuePositions("local");

    @Test
    void aMessageOfAOneQueueTopicHasRocketMqConnectsPartitionAndOffsetAsText() {
        TestMessage m = new TestMessage("orders", new byte[0]);
        m.putSysHeaders(Message.BuiltinKeys.MESSAGE_ID, "orders@7");
        m.putSysHeaders(QueuePositions.QUEUE_OFFSET_HEADER, 7L);

        RecordPartition partition = positions.partitionOf("orders", m);
        assertEquals(Map.of("topic", "orders", "brokerName", "local", "queueId", "0"), partition.getPartition());
        // RocketMQ Connect's Kafka adapter casts these to String: they must be text
        RecordOffset offset = QueuePositions.offsetOf(m);
        assertEquals(Map.of("queueOffset", "7", "messageId", "orders@7"), offset.getOffset());
        assertEquals(offset.getOffset(), Map.of("queueOffset", "7", "messageId", "orders@7"), "equal either way round");
        assertEquals(Map.of("queueOffset", "7", "messageId", "orders@7").hashCode(), offset.getOffset().hashCode());
        assertEquals("7", offset.getOffset().get("queueOffset"), "text, as RocketMQ Connect's connectors cast it");
        assertEquals(7L, QueuePositions.queueOffsetOf(offset));
        assertSame(partition, positions.partitionOf("orders", m), "one instance per queue");
        assertSame(partition, positions.partitionOf("orders"), "the assignment names the same queue");
    }

    @Test
    void aDriverThatNamesTheQueueAndBrokerIsFollowed() {
        TestMessage m = new TestMessage("orders", new byte[0]);
        m.putSysHeaders(QueuePositions.QUEUE_ID_HEADER, "3");
        m.putSysHeaders(QueuePositions.BROKER_NAME_HEADER, "broker-a");
        RecordPartition partition = positions.partitionOf("orders", m);
        assertEquals(Map.of("topic", "orders", "brokerName", "broker-a", "queueId", "3"), partition.getPartition());
        assertSame(partition, positions.partitionOf("orders", m));
    }

    @Test
    void withoutAQueueOffsetTheOffsetIsTheMessageId() {
        TestMessage m = new TestMessage("orders", new byte[0]);
        m.putSysHeaders(Message.BuiltinKeys.MESSAGE_ID, "AC1F0001");
        RecordOffset offset = QueuePositions.offsetOf(m);
        assertEquals(Map.of("messageId", "AC1F0001"), offset.getOffset());
        assertNull(QueuePositions.queueOffsetOf(offset));
        assertEquals(12L, QueuePositions.queueOffsetOf(new RecordOffset(Map.of("queueOffset", 12))), "a number is read too");
        assertNull(QueuePositions.queueOffsetOf(new RecordOffset(Map.of("queueOffset", "x"))));
    }
}
