package io.openmessaging.omsconnect.rocketmq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openmessaging.BytesMessage;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.Future;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.rocketmq.plugin.DriverPlugin;
import io.openmessaging.omsconnect.rocketmq.testserver.EmbeddedRocketMq;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged driver plugin (target/*-plugin.zip), loaded in isolation as the host loads it,
 * against a real name server and broker started in this JVM. The driver finds the name server from
 * ACCESS_POINTS because the build runs this test with OMS_RMQ_DIRECT_NAME_SRV=true; run from an IDE
 * without it, the test sets the system property rocketmq.namesrv.addr instead.
 */
class RocketMqDriverIT {

    private static final String REGION = "default";
    private static final int RECEIVE_TIMEOUT_MS = 1_000;
    /** Bounds a whole receive loop; generous for a busy machine, never reached when things work. */
    private static final long RECEIVE_DEADLINE_MS = 60_000;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static EmbeddedRocketMq mq;
    private static DriverPlugin plugin;
    private static long brokerStartMillis;
    private static java.util.Set<Thread> threadsBeforeDriver;

    private MessagingAccessPoint accessPoint;
    private final List<Runnable> shutdowns = new ArrayList<>();

    @BeforeAll
    static void startBrokerAndLoadPlugin() throws Exception {
        long start = System.nanoTime();
        mq = EmbeddedRocketMq.start();
        brokerStartMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("name server + broker started and registered in " + brokerStartMillis + " ms");
        if (!"true".equalsIgnoreCase(System.getenv("OMS_RMQ_DIRECT_NAME_SRV"))) {
            System.setProperty("rocketmq.namesrv.addr", mq.nameServerAddress());
        }
        threadsBeforeDriver = Thread.getAllStackTraces().keySet();
        plugin = DriverPlugin.open(Path.of(System.getProperty("omsconnect.pluginZip",
                "target/oms-driver-rocketmq-0.1.0-SNAPSHOT-plugin.zip")));
    }

    @AfterAll
    static void stopAll() throws Exception {
        reportThreadsLeftByTheDriver();
        if (plugin != null) {
            plugin.stopDriverLogging();
            reportThreadsLeftByTheDriver();
        }
        if (plugin != null) {
            plugin.close();
        }
        if (mq != null) {
            mq.close();
        }
    }

    @BeforeEach
    void createAccessPoint() {
        accessPoint = plugin.accessPoint("rocketmq", mq.nameServerAddress(), REGION, new DefaultKeyValue());
    }

    @AfterEach
    void shutdownClients() {
        Thread.currentThread().setContextClassLoader(RocketMqDriverIT.class.getClassLoader());
        for (int i = shutdowns.size() - 1; i >= 0; i--) {
            plugin.run(shutdowns.get(i));
        }
        plugin.run(accessPoint::shutdown);
    }

    @Test
    void pluginBundlesTheDriverButNotTheHostApis() throws Exception {
        List<String> names = plugin.jars().stream().map(p -> p.getFileName().toString()).toList();
        System.out.println("plugin lib/: " + names.size() + " jars, "
                + plugin.jars().stream().mapToLong(RocketMqDriverIT::size).sum() / 1024 / 1024 + " MB unpacked");
        assertTrue(names.stream().anyMatch(n -> n.startsWith("rocketmq-openmessaging-")), names::toString);
        assertFalse(names.stream().anyMatch(n -> n.startsWith("openmessaging-api")), names::toString);
        assertFalse(names.stream().anyMatch(n -> n.startsWith("slf4j-api")), names::toString);
        assertTrue(plugin.definesClass("io.openmessaging.rocketmq.MessagingAccessPointImpl"));
        assertTrue(plugin.definesClass("org.apache.rocketmq.client.producer.DefaultMQProducer"));
        assertFalse(plugin.definesClass("io.openmessaging.MessagingAccessPoint"), "the OMS API is the host's");
    }

    @Test
    void implVersionIsOfTheSpec03() {
        // the driver says "0.3.0" although it implements 0.3.1-alpha: hosts must compare major.minor only
        assertEquals("0.3.0", accessPoint.implVersion());
    }

    @Test
    void syncSendThenPullReceivesInOrderWithHeadersAndAcks() {
        String topic = topic(1);
        Producer producer = producer();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BytesMessage message = producer.createBytesMessage(topic, body("line " + i));
            message.putUserHeaders("record-key", "k" + i);
            SendResult result = plugin.call(() -> producer.send(message));
            ids.add(result.messageId());
        }

        PullConsumer consumer = consumer("group-a", topic);
        List<Message> received = receive(consumer, 20);
        for (int i = 0; i < 20; i++) {
            Message message = received.get(i);
            assertEquals("line " + i, text(message), "order within one queue");
            assertEquals("k" + i, message.userHeaders().getString("record-key"));
            assertEquals(topic, message.sysHeaders().getString(Message.BuiltinKeys.DESTINATION));
            assertEquals(ids.get(i), message.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID));
            // no receipt handle: this driver acks by message id
            assertNull(message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
            plugin.run(() -> consumer.ack(message.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID)));
        }
    }

    @Test
    void userHeadersComeBackWithRocketMqPropertiesAmongThem() {
        String topic = topic(1);
        Producer producer = producer();
        BytesMessage sent = producer.createBytesMessage(topic, body("headers"));
        sent.putUserHeaders("omsconnect.key", "v1");
        plugin.call(() -> producer.send(sent));
        Message received = receive(consumer("group-headers", topic), 1).get(0);
        System.out.println("user headers received: " + received.userHeaders().keySet()
                + ", sys headers: " + received.sysHeaders().keySet());
        assertEquals("v1", received.userHeaders().getString("omsconnect.key"));
        // the driver files every RocketMQ property that is not an OMS built-in key as a user header:
        // hosts must pick their own keys out (a prefix), not take every user header as theirs
        assertTrue(received.userHeaders().containsKey("UNIQ_KEY"), () -> received.userHeaders().keySet().toString());
    }

    @Test
    void worksWithoutThePluginAsContextClassLoader() {
        String topic = topic(1);
        // a loader that knows nothing of RocketMQ: the driver must not need the context loader
        Thread.currentThread().setContextClassLoader(ClassLoader.getPlatformClassLoader());
        Producer producer = accessPoint.createProducer(new DefaultKeyValue());
        producer.startup();
        shutdowns.add(producer::shutdown);
        producer.send(producer.createBytesMessage(topic, body("no tccl")));
        KeyValue properties = new DefaultKeyValue();
        properties.put(OMSBuiltinKeys.CONSUMER_ID, "group-no-tccl");
        PullConsumer consumer = accessPoint.createPullConsumer(properties);
        consumer.attachQueue(topic);
        consumer.startup();
        shutdowns.add(consumer::shutdown);
        assertEquals("no tccl", text(receive(consumer, 1).get(0)));
    }

    @Test
    void asyncSendCompletesItsPromise() {
        String topic = topic(1);
        Producer producer = producer();
        List<Future<SendResult>> promises = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            BytesMessage message = producer.createBytesMessage(topic, body("async " + i));
            promises.add(plugin.call(() -> producer.sendAsync(message)));
        }
        for (Future<SendResult> promise : promises) {
            SendResult result = promise.get(30_000);
            assertNotNull(result, () -> "send failed: " + promise.getThrowable());
            assertNotNull(result.messageId());
        }
        assertEquals(10, receive(consumer("group-async", topic), 10).size());
    }

    @Test
    void eachConsumerGroupGetsEveryMessage() {
        String topic = topic(2);
        Producer producer = producer();
        for (int i = 0; i < 10; i++) {
            BytesMessage message = producer.createBytesMessage(topic, body("fan-out " + i));
            plugin.call(() -> producer.send(message));
        }
        PullConsumer first = consumer("group-one", topic);
        PullConsumer second = consumer("group-two", topic);
        assertEquals(10, texts(receive(first, 10)).stream().distinct().count());
        assertEquals(10, texts(receive(second, 10)).stream().distinct().count());
    }

    @Test
    void aNewConsumerOfTheGroupResumesAfterTheAckedMessages() {
        String topic = topic(1);
        Producer producer = producer();
        send(producer, topic, "before ", 5);
        PullConsumer consumer = consumer("group-resume", topic);
        for (Message message : receive(consumer, 5)) {
            plugin.run(() -> consumer.ack(message.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID)));
        }
        // shutdown persists the group's acked offset on the broker
        plugin.run(consumer::shutdown);
        shutdowns.remove(shutdowns.size() - 1);

        send(producer, topic, "after ", 5);
        List<String> resumed = texts(receive(consumer("group-resume", topic), 5));
        assertEquals(List.of("after 0", "after 1", "after 2", "after 3", "after 4"), resumed);
    }

    @Test
    void oneMegabyteMessageGoesThrough() {
        String topic = topic(1);
        Producer producer = producer();
        byte[] payload = new byte[1024 * 1024];
        new Random(42).nextBytes(payload);
        plugin.call(() -> producer.send(producer.createBytesMessage(topic, payload)));
        Message received = receive(consumer("group-big", topic), 1).get(0);
        assertArrayEquals(payload, received.getBody(byte[].class));
    }

    @Test
    void sendingToAnUnknownTopicAutoCreatesItWithSeveralQueues() {
        String topic = "auto-" + NAMES.incrementAndGet();
        Producer producer = producer();
        send(producer, topic, "auto ", 8);
        // auto-created topics get the broker's default queue count: order holds per queue only
        assertTrue(mq.routedQueues(topic) > 1, "queues of an auto-created topic: " + mq.routedQueues(topic));
        assertEquals(8, receive(consumer("group-auto", topic), 8).size());
    }

    @Test
    void aConsumerNeedsConsumerId() {
        assertThrows(OMSRuntimeException.class,
                () -> plugin.call(() -> accessPoint.createPullConsumer(new DefaultKeyValue())));
    }

    @Test
    void unsupportedFeatures() {
        assertThrows(OMSNotSupportedException.class, () -> plugin.call(accessPoint::resourceManager));
        assertNull(accessPoint.createStreamingConsumer(), "no streaming consumer");
        Producer producer = producer();
        assertNull(plugin.call(producer::createBatchMessageSender), "no batch sender");
        BytesMessage message = producer.createBytesMessage(topic(1), body("tx"));
        assertNull(plugin.call(() -> producer.send(message, null, new DefaultKeyValue())),
                "no transactional send");
    }

    /**
     * Prints the threads the driver left running once every producer and consumer is shut down: a
     * plugin that leaves threads cannot be unloaded cleanly (its class loader stays reachable).
     * Driver threads are those that inherited the plugin's context loader (the broker's do not).
     */
    private static void reportThreadsLeftByTheDriver() throws InterruptedException {
        List<String> left = List.of();
        for (int i = 0; i < 50; i++) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !threadsBeforeDriver.contains(t) && t.isAlive() && plugin.startedFromPlugin(t))
                    .map(Thread::getName).sorted().toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        System.out.println("threads left after all driver clients shut down: " + left);
    }

    private String topic(int queues) {
        String topic = "topic-" + NAMES.incrementAndGet();
        mq.createTopic(topic, queues);
        return topic;
    }

    private Producer producer() {
        Producer producer = plugin.call(() -> accessPoint.createProducer(new DefaultKeyValue()));
        plugin.run(producer::startup);
        shutdowns.add(producer::shutdown);
        return producer;
    }

    private PullConsumer consumer(String group, String topic) {
        KeyValue properties = new DefaultKeyValue();
        properties.put(OMSBuiltinKeys.CONSUMER_ID, group);
        PullConsumer consumer = plugin.call(() -> accessPoint.createPullConsumer(properties));
        plugin.run(() -> consumer.attachQueue(topic));
        plugin.run(consumer::startup);
        shutdowns.add(consumer::shutdown);
        return consumer;
    }

    private void send(Producer producer, String topic, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            BytesMessage message = producer.createBytesMessage(topic, body(prefix + i));
            plugin.call(() -> producer.send(message));
        }
    }

    /** Receives exactly {@code count} messages, failing when they do not all come. */
    private List<Message> receive(PullConsumer consumer, int count) {
        KeyValue timeout = new DefaultKeyValue();
        timeout.put(Message.BuiltinKeys.TIMEOUT, RECEIVE_TIMEOUT_MS);
        List<Message> received = new ArrayList<>();
        long start = System.currentTimeMillis();
        while (received.size() < count && System.currentTimeMillis() - start < RECEIVE_DEADLINE_MS) {
            Message message = plugin.call(() -> consumer.receive(timeout));
            if (message != null) {
                received.add(message);
            }
        }
        System.out.println("received " + received.size() + "/" + count + " in "
                + (System.currentTimeMillis() - start) + " ms");
        assertEquals(count, received.size(), "messages received");
        return received;
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        return new String(message.getBody(byte[].class), StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<Message> messages) {
        return messages.stream().map(RocketMqDriverIT::text).toList();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
