package io.openmessaging.omsconnect.convert;

import io.openmessaging.BytesMessage;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.internal.DefaultKeyValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class RecordMessageCodecTest {
    private final RecordMessageCodec codec = new RecordMessageCodec(new JsonRecordConverter(), new JsonRecordConverter());
    private final RecordPartition partition = new QueuePositions("local").partitionOf("t");
    private final RecordOffset offset = new RecordOffset(Map.of("messageId", "t@0"));

    @Test
    void valueKeyTimestampAndExtensionsComeBack() {
        ConnectRecord record = new ConnectRecord(null, null, 1_700_000_000_123L, SchemaBuilder.string().build(), "line");
        record.setKeySchema(SchemaBuilder.int64().build());
        record.setKey(42L);
        record.addExtension("topic", "t");
        record.addExtension("table", "orders");

        BytesMessage message = codec.toMessage(TestMessage::new, "t", record);
        assertEquals(1_700_000_000_123L, message.sysHeaders().getLong(Message.BuiltinKeys.BORN_TIMESTAMP),
                "the record's timestamp is the message's BORN_TIMESTAMP");
        assertFalse(message.userHeaders().containsKey("omsconnect-ext-topic"), "the topic is the destination, not a header");

        ConnectRecord back = codec.toRecord("t", message, partition, offset);
        assertEquals("line", back.getData());
        assertEquals(1_700_000_000_123L, back.getTimestamp());
        assertEquals(42L, back.getKey());
        assertEquals("orders", back.getExtensions().getString("table"));
        assertEquals("t", back.getExtensions().getString("topic"));
        assertEquals(partition, back.getPosition().getPartition());
    }

    @Test
    void messagesOfOtherProducersAndOfOlderVersionsAreRead() {
        TestMessage foreign = new TestMessage("t", "\"plain\"".getBytes());
        foreign.putUserHeaders("app-header", "v");
        JsonRecordConverter schemaless = new JsonRecordConverter();
        schemaless.configure(Map.of("schemas.enable", "false"));
        RecordMessageCodec plain = new RecordMessageCodec(schemaless, schemaless);
        ConnectRecord record = plain.toRecord("t", foreign, partition, offset);
        assertEquals("plain", record.getData());
        assertNull(record.getTimestamp(), "no BORN_TIMESTAMP, no timestamp");
        assertEquals("v", record.getExtensions().getString("app-header"));

        foreign.putUserHeaders(RecordMessageCodec.LEGACY_TIMESTAMP_HEADER, "99");
        foreign.putSysHeaders(Message.BuiltinKeys.BORN_TIMESTAMP, 5L);
        assertEquals(99L, plain.toRecord("t", foreign, partition, offset).getTimestamp(),
                "a message an older worker wrote keeps its record timestamp");
    }
}
