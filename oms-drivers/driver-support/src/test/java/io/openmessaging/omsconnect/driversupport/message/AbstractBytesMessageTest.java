package io.openmessaging.omsconnect.driversupport.message;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSMessageFormatException;
import io.openmessaging.internal.DefaultKeyValue;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AbstractBytesMessageTest {

    @Test
    void aMessageToSendCarriesItsDestinationInTheSystemHeaders() {
        Message message = new TestMessage("orders", new byte[]{1});
        assertEquals("orders", message.sysHeaders().getString(Message.BuiltinKeys.DESTINATION));
        assertEquals(Set.of(), message.userHeaders().keySet());

        assertFalse(new TestMessage(null, new byte[0]).sysHeaders().containsKey(Message.BuiltinKeys.DESTINATION));
    }

    @Test
    void headersOfEachTypeGoToTheirOwnSetAndEachPutReturnsTheMessage() {
        Message message = new TestMessage("orders", null);
        assertSame(message, message.putSysHeaders("i", 1).putSysHeaders("l", 2L).putSysHeaders("d", 0.5).putSysHeaders("s", "x"));
        assertSame(message, message.putUserHeaders("i", 3).putUserHeaders("l", 4L).putUserHeaders("d", 1.5).putUserHeaders("s", "y"));

        KeyValue sys = message.sysHeaders();
        assertEquals(1, sys.getInt("i"));
        assertEquals(2L, sys.getLong("l"));
        assertEquals(0.5, sys.getDouble("d"));
        assertEquals("x", sys.getString("s"));
        KeyValue user = message.userHeaders();
        assertEquals(3, user.getInt("i"));
        assertEquals(4L, user.getLong("l"));
        assertEquals(1.5, user.getDouble("d"));
        assertEquals("y", user.getString("s"));
        assertEquals(Set.of("i", "l", "d", "s"), user.keySet());
    }

    @Test
    void headersTheDriverMadeAreTheMessagesOwn() {
        KeyValue sys = new DefaultKeyValue().put(Message.BuiltinKeys.MESSAGE_ID, "m-1");
        KeyValue user = new DefaultKeyValue();
        Message received = new AbstractBytesMessage(new byte[]{7}, sys, user) { };
        assertSame(sys, received.sysHeaders());
        assertSame(user, received.userHeaders());
        received.putUserHeaders("k", "v");
        assertEquals("v", user.getString("k"));
    }

    @Test
    void theBodyIsBytesAndNothingElse() {
        byte[] body = {1, 2, 3};
        TestMessage message = new TestMessage("orders", body);
        assertSame(body, message.getBody(byte[].class));
        assertSame(body, message.getBody(Object.class));
        OMSMessageFormatException refused = assertThrows(OMSMessageFormatException.class, () -> message.getBody(String.class));
        assertEquals("A BytesMessage body is byte[], not java.lang.String", refused.getMessage());

        assertSame(message, message.setBody(new byte[]{9}));
        assertArrayEquals(new byte[]{9}, message.getBody(byte[].class));
        message.setBody(null);
        assertNull(message.getBody(byte[].class), "a null body stays null (Kafka's tombstone)");
    }
}
