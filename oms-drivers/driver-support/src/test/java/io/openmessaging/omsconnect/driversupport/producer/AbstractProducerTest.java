package io.openmessaging.omsconnect.driversupport.producer;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSException;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.interceptor.ProducerInterceptor;
import io.openmessaging.internal.DefaultKeyValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbstractProducerTest {
    private final List<Object> sends = new ArrayList<>();
    private final FakeProducer producer = new FakeProducer(new DefaultKeyValue(), sends);

    @Test
    void eachSendWithoutPropertiesIsTheSendWithNone() {
        Message message = producer.createBytesMessage("orders", new byte[0]);
        producer.send(message);
        producer.sendAsync(message);
        producer.sendOneway(message);
        assertEquals(Arrays.asList("send", null, "sendAsync", null, "sendOneway", null), sends);
    }

    @Test
    void transactionalSendsAreRefusedNamingTheDriver() {
        Message message = producer.createBytesMessage("orders", new byte[0]);
        OMSNotSupportedException refused = assertThrows(OMSNotSupportedException.class,
                () -> producer.send(message, null, new DefaultKeyValue()));
        assertEquals("Not supported by the Fake driver: transactional messages", refused.getMessage());
        assertTrue(sends.isEmpty());
    }

    @Test
    void addedInterceptorsAreInTheChainTheDriverCallsUntilRemoved() {
        List<String> seen = new ArrayList<>();
        ProducerInterceptor interceptor = new ProducerInterceptor() {
            @Override
            public void preSend(Message message, KeyValue attributes) {
                seen.add("pre");
            }

            @Override
            public void postSend(Message message, KeyValue attributes) {
                seen.add("post");
            }

            @Override
            public void postSend(Message message, KeyValue attributes, OMSException e) {
                seen.add("post failed");
            }
        };
        assertTrue(producer.chain().isEmpty());
        producer.addInterceptor(interceptor);
        producer.chain().preSend(null, null);
        producer.removeInterceptor(interceptor);
        producer.chain().preSend(null, null);
        assertEquals(List.of("pre"), seen);
        assertTrue(producer.chain().isEmpty());
    }
}
