package io.openmessaging.omsconnect.driversupport.consumer;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.internal.DefaultKeyValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class AbstractPullConsumerTest {

    @Test
    void aReceiveWaitsTheCallsTimeoutElseTheOperationTimeoutElseOneSecond() {
        List<Object> calls = new ArrayList<>();
        FakePullConsumer byDefault = new FakePullConsumer(new DefaultKeyValue(), calls);
        assertNull(byDefault.receive());
        byDefault.receive(null);
        byDefault.receive(new DefaultKeyValue().put("other", 1));
        byDefault.receive(new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, 250));
        assertEquals(List.of("poll 1000", "poll 1000", "poll 1000", "poll 250"), calls);

        calls.clear();
        FakePullConsumer configured = new FakePullConsumer(new DefaultKeyValue().put(OMSBuiltinKeys.OPERATION_TIMEOUT, 40), calls);
        configured.receive();
        configured.receive(new DefaultKeyValue());
        configured.receive(new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, 7));
        assertEquals(List.of("poll 40", "poll 40", "poll 7"), calls);
    }

    @Test
    void theCallsWithoutPropertiesAreTheCallsWithNone() {
        KeyValue attributes = new DefaultKeyValue();
        List<Object> calls = new ArrayList<>();
        FakePullConsumer consumer = new FakePullConsumer(attributes, calls);
        assertSame(attributes, consumer.attributes());
        assertSame(consumer, consumer.attachQueue("orders"));
        consumer.ack("handle-1");
        assertEquals(Arrays.asList("attach orders", null, "ack handle-1", null), calls);
    }
}
