package io.openmessaging.omsconnect.driver;

import io.openmessaging.KeyValue;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.producer.Producer;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.omsconnect.plugin.Pf4jPluginHost;
import io.openmessaging.omsconnect.plugin.PluginComponent;
import io.openmessaging.omsconnect.plugin.TestPlugins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginDriverRegistryTest {

    private static final String FAKE = "io.openmessaging.fake.MessagingAccessPointImpl";

    @TempDir
    Path pluginsDir;
    private Pf4jPluginHost host;
    private PluginDriverRegistry registry;

    @BeforeEach
    void startHost() {
        TestPlugins.pack(pluginsDir.resolve("fake-driver-1.0.jar"), TestPlugins.plainManifest(), TestPlugins.compile(Map.of(
                FAKE, FakeDrivers.accessPoint("fake", "0.3.1-alpha", ""),
                "com.acme.ext.ExtDriver", FakeDrivers.EXTENSION)));
        TestPlugins.pack(pluginsDir.resolve("broken-driver-1.0.jar"), TestPlugins.plainManifest(), TestPlugins.compile(Map.of(
                "io.openmessaging.broken.MessagingAccessPointImpl",
                FakeDrivers.accessPoint("broken", "0.3.1-alpha", "if (true) throw new IllegalStateException(\"boom\");"))));
        TestPlugins.pack(pluginsDir.resolve("old-driver-1.0.jar"), TestPlugins.plainManifest(), TestPlugins.compile(Map.of(
                "io.openmessaging.old.MessagingAccessPointImpl", FakeDrivers.accessPoint("old", "0.2.0", ""))));
        host = new Pf4jPluginHost(pluginsDir);
        host.start();
        registry = new PluginDriverRegistry(host);
    }

    @AfterEach
    void close() {
        registry.close();
        host.close();
    }

    private Class<?> fakeClass() throws ClassNotFoundException {
        return host.component(FAKE).orElseThrow().loader().loadClass(FAKE);
    }

    private AtomicInteger counter(String name) throws Exception {
        return (AtomicInteger) fakeClass().getField(name).get(null);
    }

    @Test
    void theDriverIsCreatedFromItsPluginWithTheUrlAttributes() throws Exception {
        PluginComponent component = host.component(FAKE).orElseThrow();
        assertEquals("fake", component.driverName());
        assertSame(component.loader(), fakeClass().getClassLoader());

        registry.acquire("oms:fake://x/ns");

        KeyValue created = (KeyValue) fakeClass().getField("created").get(null);
        assertEquals(FAKE, created.getString(OMSBuiltinKeys.DRIVER_IMPL));
        assertEquals("x", created.getString(OMSBuiltinKeys.ACCESS_POINTS));
        assertEquals("ns", created.getString(OMSBuiltinKeys.REGION));
        assertEquals("oms:fake://x/ns", created.getString("OMS_DRIVER_URL"));
        assertFalse(created.containsKey(OMSBuiltinKeys.ACCOUNT_ID));
        assertEquals(1, counter("STARTUPS").get());
    }

    @Test
    void everyCallRunsWithThePluginLoaderAsContextLoader() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        MessagingAccessPoint accessPoint = registry.acquire("oms:fake://x/ns");

        assertEquals("true", accessPoint.attributes().getString("tcclIsPlugin"));
        Producer producer = accessPoint.createProducer();
        assertEquals("true", producer.attributes().getString("tcclIsPlugin"));
        assertSame(before, Thread.currentThread().getContextClassLoader());
        // the hot-path wrappers (producer, batch sender, pull consumer) hold to the same rule
        BatchMessageSender batch = producer.createBatchMessageSender();
        assertSame(batch, batch.send(null), "a fluent call returns the wrapper, never the driver's own object");
        batch.commit();
        PullConsumer consumer = accessPoint.createPullConsumer();
        assertSame(consumer, consumer.attachQueue("q"));
        assertEquals("true", consumer.attributes().getString("tcclIsPlugin"));
        assertNull(consumer.receive());
        consumer.ack("h");
        assertSame(before, Thread.currentThread().getContextClassLoader());
        UnsupportedOperationException thrown = assertThrows(UnsupportedOperationException.class, accessPoint::resourceManager);
        assertEquals("no resource manager", thrown.getMessage());
    }

    @Test
    void oneAccessPointPerUrlShutDownAtTheLastRelease() throws Exception {
        MessagingAccessPoint first = registry.acquire("oms:fake://x/ns");
        MessagingAccessPoint second = registry.acquire("oms:fake://x/ns");
        assertSame(first, second);
        assertEquals(1, counter("STARTUPS").get());
        assertTrue(registry.inUse("fake-driver"));
        DriverInfo info = registry.drivers().stream().filter(d -> d.name().equals("fake")).findFirst().orElseThrow();
        assertEquals(new DriverInfo("fake", "fake-driver", FAKE, List.of("oms:fake://x/ns"), null), info, "it declares no features");

        first.shutdown(); // a user can't shut the shared access point down under the others
        registry.release("oms:fake://x/ns");
        assertEquals(0, counter("SHUTDOWNS").get());
        registry.release("oms:fake://x/ns");
        assertEquals(1, counter("SHUTDOWNS").get());
        assertFalse(registry.inUse("fake-driver"));
        assertTrue(registry.drivers().stream().allMatch(d -> d.urlsInUse().isEmpty()));
    }

    @Test
    void anOmsDriverExtensionIsFoundByItsName() throws Exception {
        MessagingAccessPoint accessPoint = registry.acquire("oms:ext://y/ns2");
        assertEquals("true", accessPoint.attributes().getString("tcclIsPlugin"));
        KeyValue created = (KeyValue) fakeClass().getField("created").get(null);
        assertEquals("com.acme.ext.ExtDriver", created.getString(OMSBuiltinKeys.DRIVER_IMPL));
        assertEquals(List.of("broken", "ext", "fake", "old"),
                registry.drivers().stream().map(DriverInfo::name).sorted().toList());
    }

    @Test
    void anUnknownDriverIsNamed() {
        DriverException e = assertThrows(DriverException.class, () -> registry.acquire("oms:nope://x/ns"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertFalse(registry.inUse("fake-driver"));
    }

    @Test
    void theRealCauseOfAFailingDriverIsKept() {
        DriverException e = assertThrows(DriverException.class, () -> registry.acquire("oms:broken://x/ns"));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("boom", e.getCause().getMessage());
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
        assertFalse(registry.inUse("broken-driver"));
    }

    @Test
    void aDriverOfAnotherOmsVersionIsRefused() {
        DriverException e = assertThrows(DriverException.class, () -> registry.acquire("oms:old://x/ns"));
        assertTrue(e.getMessage().contains("0.2.0"), e.getMessage());
    }

    @Test
    void unloadingADriverPluginInUseShutsItsAccessPointsDown() throws Exception {
        registry.acquire("oms:fake://x/ns");
        AtomicInteger shutdowns = counter("SHUTDOWNS");

        host.uninstall("fake-driver");

        assertEquals(1, shutdowns.get());
        assertFalse(registry.inUse("fake-driver"));
        registry.release("oms:fake://x/ns"); // absorbed, not an error
        assertNull(host.component(FAKE).orElse(null));
    }
}
