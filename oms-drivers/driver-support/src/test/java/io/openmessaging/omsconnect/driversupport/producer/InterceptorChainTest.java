package io.openmessaging.omsconnect.driversupport.producer;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.interceptor.ProducerInterceptor;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.driversupport.message.TestMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InterceptorChainTest {
    private final InterceptorChain chain = new InterceptorChain("p-1");
    private final List<String> calls = new ArrayList<>();
    private final Message message = new TestMessage("orders", new byte[0]);
    private final KeyValue properties = new DefaultKeyValue();

    @Test
    void preSendCallsEachInterceptorInOrderAndTheFirstThatThrowsFailsTheSend() {
        chain.add(new Recording("a", false));
        chain.add(new Recording("b", true));
        chain.add(new Recording("c", false));
        assertFalse(chain.isEmpty());

        OMSRuntimeException refused = assertThrows(OMSRuntimeException.class, () -> chain.preSend(message, properties));
        assertEquals("b refuses", refused.getMessage());
        assertEquals(List.of("a pre", "b pre"), calls);
    }

    @Test
    void postSendTellsEachInterceptorTheOutcomeEvenWhenOneThrows() {
        chain.add(new Recording("a", true));
        chain.add(new Recording("b", false));

        chain.postSend(message, properties, null);
        chain.postSend(message, properties, new IllegalStateException("nacked"));

        assertEquals(List.of("a stored", "b stored", "a failed: nacked", "b failed: nacked"), calls);
    }

    @Test
    void aRemovedInterceptorIsNoLongerCalled() {
        Recording a = new Recording("a", false);
        chain.add(a);
        chain.add(new Recording("b", false));
        chain.remove(a);
        chain.preSend(message, properties);
        assertEquals(List.of("b pre"), calls);
    }

    private final class Recording implements ProducerInterceptor {
        private final String name;
        private final boolean throwing;

        Recording(String name, boolean throwing) {
            this.name = name;
            this.throwing = throwing;
        }

        @Override
        public void preSend(Message sent, KeyValue attributes) {
            assertSame(message, sent);
            assertSame(properties, attributes);
            calls.add(name + " pre");
            refuseIfThrowing();
        }

        @Override
        public void postSend(Message sent, KeyValue attributes) {
            calls.add(name + " stored");
            refuseIfThrowing();
        }

        @Override
        public void postSend(Message sent, KeyValue attributes, OMSException e) {
            calls.add(name + " failed: " + e.getCause().getMessage());
            refuseIfThrowing();
        }

        private void refuseIfThrowing() {
            if (throwing) {
                throw new OMSRuntimeException("-1", name + " refuses");
            }
        }
    }
}
