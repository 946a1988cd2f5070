package io.openmessaging.omsconnect.driversupport.access;

import io.openmessaging.KeyValue;
import io.openmessaging.ResourceManager;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.driversupport.consumer.FakePullConsumer;
import io.openmessaging.omsconnect.driversupport.producer.FakeProducer;
import io.openmessaging.omsconnect.driversupport.resource.FakeResourceManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PullOnlyAccessPointTest {
    private final KeyValue attributes = new DefaultKeyValue().put("broker.key", "from-url").put("shared.key", "url");
    private final FakeAccessPoint accessPoint = new FakeAccessPoint(attributes);

    @Test
    void usingItBeforeStartupSaysSoNamingTheDriverAndTheAddress() {
        assertEquals("0.3.1-alpha", accessPoint.implVersion());
        assertSame(attributes, accessPoint.attributes());
        for (Runnable call : List.<Runnable>of(accessPoint::createProducer, accessPoint::createPullConsumer,
                accessPoint::resourceManager)) {
            OMSRuntimeException error = assertThrows(OMSRuntimeException.class, call::run);
            assertEquals("The Fake access point for fake:1 is not started: call startup() first", error.getMessage());
        }
        accessPoint.shutdown(); // harmless when never started
        assertEquals(List.of(), accessPoint.calls);
    }

    @Test
    void startupConnectsOnceAndAFailedConnectLeavesItNotStarted() {
        accessPoint.failConnect = true;
        assertThrows(OMSRuntimeException.class, accessPoint::startup);
        assertThrows(OMSRuntimeException.class, accessPoint::createProducer);

        accessPoint.failConnect = false;
        accessPoint.startup();
        accessPoint.startup();
        assertEquals(List.of("connect", "connect"), accessPoint.calls, "the failed connect and one more");
        assertSame(accessPoint.resources, accessPoint.resourceManager());
    }

    @Test
    void theCallsPropertiesOverrideTheAttributesWithoutChangingThem() {
        accessPoint.startup();

        FakeProducer producer = (FakeProducer) accessPoint.createProducer(new DefaultKeyValue().put("shared.key", "call"));
        assertEquals("from-url", producer.attributes().getString("broker.key"));
        assertEquals("call", producer.attributes().getString("shared.key"));
        assertEquals("url", attributes.getString("shared.key"));

        assertSame(attributes, accessPoint.createProducer().attributes(), "no properties: the attributes themselves");
        assertSame(attributes, accessPoint.createPullConsumer().attributes());
    }

    @Test
    void shutdownShutsDownWhatWasCreatedHereThenDisconnects() {
        accessPoint.startup();
        accessPoint.createProducer();
        accessPoint.createPullConsumer(new DefaultKeyValue());

        accessPoint.shutdown();

        assertEquals(List.of("connect", "producer shut down", "consumer shut down", "disconnect"), accessPoint.calls);
        assertThrows(OMSRuntimeException.class, accessPoint::createProducer, "not started again");
        accessPoint.startup();
        assertEquals("connect", accessPoint.calls.get(accessPoint.calls.size() - 1), "it can be started again");
    }

    @Test
    void pushAndStreamingConsumersAreRefusedNamingTheDriver() {
        OMSNotSupportedException push = assertThrows(OMSNotSupportedException.class, accessPoint::createPushConsumer);
        assertEquals("Not supported by the Fake driver: push consumers (use a pull consumer)", push.getMessage());
        assertThrows(OMSNotSupportedException.class, () -> accessPoint.createPushConsumer(new DefaultKeyValue()));
        OMSNotSupportedException streaming = assertThrows(OMSNotSupportedException.class, accessPoint::createStreamingConsumer);
        assertEquals("Not supported by the Fake driver: streaming consumers (use a pull consumer)", streaming.getMessage());
        assertThrows(OMSNotSupportedException.class, () -> accessPoint.createStreamingConsumer(new DefaultKeyValue()));
        assertFalse(accessPoint.connected());
    }

    /** Records its calls and those of the services it made, in order. */
    private static final class FakeAccessPoint extends PullOnlyAccessPoint {
        final List<Object> calls = new ArrayList<>();
        final ResourceManager resources = new FakeResourceManager();
        boolean failConnect;
        private boolean connected;

        FakeAccessPoint(KeyValue attributes) {
            super(attributes, "Fake");
        }

        @Override
        protected boolean connected() {
            return connected;
        }

        @Override
        protected void connect() {
            calls.add("connect");
            if (failConnect) {
                throw new OMSRuntimeException("-1", "unreachable");
            }
            connected = true;
        }

        @Override
        protected void disconnect() {
            calls.add("disconnect");
            connected = false;
        }

        @Override
        protected String address() {
            return "fake:1";
        }

        @Override
        protected Owned<FakeProducer> newProducer(KeyValue properties) {
            return new Owned<>(new FakeProducer(properties, calls), () -> false);
        }

        @Override
        protected Owned<FakePullConsumer> newPullConsumer(KeyValue properties) {
            return new Owned<>(new FakePullConsumer(properties, calls), () -> false);
        }

        @Override
        protected ResourceManager connectedResourceManager() {
            return resources;
        }
    }
}
