package io.openmessaging.kafka.message;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSMessageFormatException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordCodecTest {

    @Test
    void userHeadersBecomeHeadersAndTheKeyHeaderTheKey() {
        KafkaBytesMessage message = new KafkaBytesMessage("orders", bytes("body"));
        message.putUserHeaders("source", "crm");
        message.putUserHeaders("count", 3);
        message.putUserHeaders(RecordCodec.KEY_HEADER, Base64.getEncoder().encodeToString(bytes("k-1")));
        ProducerRecord<byte[], byte[]> record = RecordCodec.toRecord(message);
        assertEquals("orders", record.topic());
        assertNull(record.partition(), "Kafka's partitioner decides, by the key");
        assertArrayEquals(bytes("k-1"), record.key());
        assertArrayEquals(bytes("body"), record.value());
        assertEquals(Map.of("source", "crm", "count", "3"), headers(record.headers().toArray()));
    }

    @Test
    void systemHeadersTravelPrefixedButNotThoseOfOneDelivery() {
        KafkaBytesMessage message = new KafkaBytesMessage("orders", bytes("body"));
        message.putSysHeaders(Message.BuiltinKeys.TRACE_ID, "trace-1");
        message.putSysHeaders(Message.BuiltinKeys.BORN_TIMESTAMP, 1_700_000_000_000L);
        // a received message sent on carries where it came from: none of that goes along
        message.putSysHeaders(Message.BuiltinKeys.MESSAGE_ID, "other-0@5");
        message.putSysHeaders(Message.BuiltinKeys.RECEIPT_HANDLE, "1:0:5:other");
        message.putSysHeaders(RecordCodec.QUEUE_OFFSET, 5L);
        message.putSysHeaders(RecordCodec.QUEUE_ID, "0");
        message.putSysHeaders(RecordCodec.BROKER_NAME, "kafka");
        ProducerRecord<byte[], byte[]> record = RecordCodec.toRecord(message);
        assertEquals(Map.of("oms.sys.TRACE_ID", "trace-1"), headers(record.headers().toArray()));
        assertEquals(1_700_000_000_000L, record.timestamp());
    }

    @Test
    void aNegativeBornTimestampLetsKafkaStampTheSendTime() {
        KafkaBytesMessage message = new KafkaBytesMessage("t", bytes("x"));
        message.putSysHeaders(Message.BuiltinKeys.BORN_TIMESTAMP, -1L);
        assertNull(RecordCodec.toRecord(message).timestamp());
        assertNull(RecordCodec.toRecord(new KafkaBytesMessage("t", bytes("x"))).timestamp());
    }

    @Test
    void malformedMessagesAreRefused() {
        assertThrows(OMSMessageFormatException.class, () -> RecordCodec.toRecord(new KafkaBytesMessage(null, bytes("x"))));
        KafkaBytesMessage badKey = new KafkaBytesMessage("t", bytes("x"));
        badKey.putUserHeaders(RecordCodec.KEY_HEADER, "not base64!");
        assertThrows(OMSMessageFormatException.class, () -> RecordCodec.toRecord(badKey));
    }

    @Test
    void aRecordBecomesAMessageThatSaysWhereItIs() {
        RecordHeaders headers = new RecordHeaders(List.of(new RecordHeader("source", bytes("crm")),
                new RecordHeader("oms.sys.TRACE_ID", bytes("trace-1")), new RecordHeader("empty", null),
                new RecordHeader("oms.sys.QUEUE_OFFSET", bytes("999"))));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders", 2, 17, 1_700_000_000_000L, TimestampType.CREATE_TIME,
                3, 4, bytes("k-1"), bytes("body"), headers, Optional.empty());
        Message message = RecordCodec.toMessage(record, () -> "5:2:17:orders");
        assertArrayEquals(bytes("body"), message.getBody(byte[].class));
        assertEquals("crm", message.userHeaders().getString("source"));
        assertEquals("", message.userHeaders().getString("empty"));
        assertEquals(Base64.getEncoder().encodeToString(bytes("k-1")), message.userHeaders().getString(RecordCodec.KEY_HEADER));
        assertEquals("trace-1", message.sysHeaders().getString(Message.BuiltinKeys.TRACE_ID));
        assertFalse(message.userHeaders().containsKey("oms.sys.TRACE_ID"));
        assertEquals("orders", message.sysHeaders().getString(Message.BuiltinKeys.DESTINATION));
        assertEquals("orders-2@17", message.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID));
        assertEquals("5:2:17:orders", message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        assertEquals(17, message.sysHeaders().getLong(RecordCodec.QUEUE_OFFSET), "the record's own offset, not a header's");
        assertEquals("2", message.sysHeaders().getString(RecordCodec.QUEUE_ID));
        assertEquals("kafka", message.sysHeaders().getString(RecordCodec.BROKER_NAME));
        assertEquals(1_700_000_000_000L, message.sysHeaders().getLong(Message.BuiltinKeys.BORN_TIMESTAMP));
    }

    /**
     * A received message's system headers are read off the record when asked: they answer as a map of them would
     * (every key listed, defaults for missing ones), the receipt handle is made once, and what is put wins.
     */
    @Test
    void aReceivedMessagesSystemHeadersActAsAMapOfThem() {
        RecordHeaders headers = new RecordHeaders(List.of(new RecordHeader("oms.sys.TRACE_ID", bytes("trace-1"))));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders", 2, 17, -1L, TimestampType.NO_TIMESTAMP_TYPE,
                3, 4, null, bytes("body"), headers, Optional.empty());
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        KeyValue sys = RecordCodec.toMessage(record, () -> "handle-" + made.incrementAndGet()).sysHeaders();
        assertEquals(Set.of(Message.BuiltinKeys.DESTINATION, Message.BuiltinKeys.MESSAGE_ID, Message.BuiltinKeys.RECEIPT_HANDLE,
                RecordCodec.QUEUE_OFFSET, RecordCodec.QUEUE_ID, RecordCodec.BROKER_NAME, Message.BuiltinKeys.TRACE_ID), sys.keySet(),
                "no BORN_TIMESTAMP: the record has none");
        assertFalse(sys.containsKey(Message.BuiltinKeys.BORN_TIMESTAMP));
        assertEquals(-5L, sys.getLong(Message.BuiltinKeys.BORN_TIMESTAMP, -5L));
        assertNull(sys.getString("NOT_THERE"));
        assertEquals("fallback", sys.getString("NOT_THERE", "fallback"));
        assertEquals(0, sys.getInt("NOT_THERE"));
        assertEquals(2, sys.getInt(RecordCodec.QUEUE_ID));
        assertEquals("17", sys.getString(RecordCodec.QUEUE_OFFSET));
        assertEquals("handle-1", sys.getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        assertEquals("handle-1", sys.getString(Message.BuiltinKeys.RECEIPT_HANDLE), "made once");
        sys.put(RecordCodec.QUEUE_OFFSET, 99L).put("EXTRA", "x");
        assertEquals(99L, sys.getLong(RecordCodec.QUEUE_OFFSET), "a key put wins over the record's");
        assertEquals("x", sys.getString("EXTRA"));
        assertTrue(sys.keySet().contains("EXTRA"));
        assertEquals("trace-1", sys.getString(Message.BuiltinKeys.TRACE_ID));
    }

    @Test
    void aTombstoneHasNoBodyAndARecordWithoutKeyNoKeyHeader() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 0, 0, null, null);
        Message message = RecordCodec.toMessage(record, () -> "1:0:0:t");
        assertNull(message.getBody(byte[].class));
        assertFalse(message.userHeaders().containsKey(RecordCodec.KEY_HEADER));
    }

    @Test
    void aStoredMessageIsToldWhereItWent() {
        KafkaBytesMessage message = new KafkaBytesMessage("orders", bytes("x"));
        String id = RecordCodec.stored(message, new RecordMetadata(new TopicPartition("orders", 1), 40, 2, 1_700_000_000_123L, 1, 1));
        assertEquals("orders-1@42", id);
        assertEquals(id, message.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID));
        assertEquals(42, message.sysHeaders().getLong(RecordCodec.QUEUE_OFFSET));
        assertEquals("1", message.sysHeaders().getString(RecordCodec.QUEUE_ID));
        assertEquals("kafka", message.sysHeaders().getString(RecordCodec.BROKER_NAME));
        assertEquals(1_700_000_000_123L, message.sysHeaders().getLong(Message.BuiltinKeys.BORN_TIMESTAMP));
    }

    private static Map<String, String> headers(Header[] headers) {
        Map<String, String> map = new HashMap<>();
        for (Header header : headers) {
            map.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return map;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
