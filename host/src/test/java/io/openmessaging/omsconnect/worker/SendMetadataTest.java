package io.openmessaging.omsconnect.worker;

import io.openmessaging.Message;
import io.openmessaging.omsconnect.convert.QueuePositions;
import io.openmessaging.omsconnect.convert.TestMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SendMetadataTest {
    private final SendMetadata metadata = new SendMetadata("local");

    @Test
    void aSentMessageWhoseDriverWroteItsPositionGivesRocketMqConnectsKeysAndTheAdaptersToo() {
        TestMessage sent = new TestMessage("orders", new byte[0]);
        sent.putSysHeaders(Message.BuiltinKeys.MESSAGE_ID, "orders@41");
        sent.putSysHeaders(QueuePositions.QUEUE_OFFSET_HEADER, 41L);

        Map<String, String> m = metadata.of(sent, null);
        assertEquals(Map.ofEntries(Map.entry("send.status", "SEND_OK"), Map.entry("msg.id", "orders@41"),
                Map.entry("topic", "orders"), Map.entry("broker.name", "local"), Map.entry("queue.id", "0"),
                Map.entry("queue.offset", "41"), Map.entry("brokerName", "local"), Map.entry("queueId", "0"),
                Map.entry("queueOffset", "41"), Map.entry("messageId", "orders@41")), Map.copyOf(m));
    }

    @Test
    void aDriverThatKnowsNoQueueOffsetGivesNone() {
        TestMessage sent = new TestMessage("orders", new byte[0]);
        Map<String, String> m = metadata.of(sent, () -> "id-1");
        assertEquals("id-1", m.get("msg.id"), "the SendResult's id");
        assertEquals("orders", m.get("topic"));
        assertFalse(m.containsKey("queue.offset"));
        assertFalse(m.containsKey("queueOffset"));
    }
}
