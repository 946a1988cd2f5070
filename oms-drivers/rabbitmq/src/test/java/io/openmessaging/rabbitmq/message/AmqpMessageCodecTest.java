package io.openmessaging.rabbitmq.message;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.impl.LongStringHelper;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSMessageFormatException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AmqpMessageCodecTest {

    @Test
    void headersSurviveTheRoundTripAndStayApart() {
        BytesMessageImpl sent = new BytesMessageImpl("T", new byte[]{1, 2, 3});
        sent.putUserHeaders("key", "user-value");
        sent.putUserHeaders("n", 7L);
        sent.putSysHeaders("key", "sys-value");
        sent.putSysHeaders(Message.BuiltinKeys.RECEIPT_HANDLE, "stale");
        AMQP.BasicProperties properties = AmqpMessageCodec.properties(sent, "id-1", 1234L);
        assertEquals(2, properties.getDeliveryMode());
        assertEquals("id-1", properties.getMessageId());
        assertFalse(properties.getHeaders().containsKey(AmqpMessageCodec.SYS_PREFIX + Message.BuiltinKeys.RECEIPT_HANDLE));

        Map<String, Object> wire = new HashMap<>();
        properties.getHeaders().forEach((key, value) -> wire.put(key, value instanceof String text ? LongStringHelper.asLongString(text) : value));
        AMQP.BasicProperties received = properties.builder().headers(wire).build();
        Message message = AmqpMessageCodec.message("T", new Envelope(9, false, "T", ""), received, new byte[]{1, 2, 3}, "0-9");
        assertArrayEquals(new byte[]{1, 2, 3}, message.getBody(byte[].class));
        assertEquals("user-value", message.userHeaders().getString("key"));
        assertEquals(7, message.userHeaders().getLong("n"));
        assertEquals("sys-value", message.sysHeaders().getString("key"));
        assertEquals("id-1", message.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID));
        assertEquals(1234L, message.sysHeaders().getLong(Message.BuiltinKeys.BORN_TIMESTAMP));
        assertEquals("0-9", message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        assertEquals("T", message.sysHeaders().getString(Message.BuiltinKeys.DESTINATION));
        assertFalse(message.sysHeaders().containsKey(Message.BuiltinKeys.REDELIVERED_NUMBER));
    }

    @Test
    void redeliveriesAreCounted() {
        AMQP.BasicProperties classic = new AMQP.BasicProperties.Builder().build();
        Message again = AmqpMessageCodec.message("T", new Envelope(1, true, "T", ""), classic, new byte[0], "0-1");
        assertEquals(1, again.sysHeaders().getInt(Message.BuiltinKeys.REDELIVERED_NUMBER));
        AMQP.BasicProperties quorum = new AMQP.BasicProperties.Builder().headers(Map.of("x-delivery-count", 3L)).build();
        Message third = AmqpMessageCodec.message("T", new Envelope(1, true, "T", ""), quorum, new byte[0], "0-1");
        assertEquals(3, third.sysHeaders().getInt(Message.BuiltinKeys.REDELIVERED_NUMBER));
    }

    @Test
    void headersOfOtherPublishersBecomeUserHeaders() {
        AMQP.BasicProperties foreign = new AMQP.BasicProperties.Builder()
                .headers(Map.of("tenant", LongStringHelper.asLongString("acme"), "x-death", "ignored")).build();
        Message message = AmqpMessageCodec.message("T", new Envelope(1, false, "T", ""), foreign, new byte[0], "0-1");
        assertEquals("acme", message.userHeaders().getString("tenant"));
        assertFalse(message.userHeaders().containsKey("x-death"));
    }

    @Test
    void aMessageNeedsADestinationAndABody() {
        assertThrows(OMSMessageFormatException.class, () -> AmqpMessageCodec.destination(new BytesMessageImpl(null, new byte[0])));
        assertThrows(OMSMessageFormatException.class, () -> AmqpMessageCodec.body(new BytesMessageImpl("T", null)));
        assertThrows(OMSMessageFormatException.class, () -> new BytesMessageImpl("T", new byte[0]).getBody(String.class));
    }
}
