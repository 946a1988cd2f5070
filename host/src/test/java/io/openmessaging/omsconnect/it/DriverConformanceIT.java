package io.openmessaging.omsconnect.it;

import io.openmessaging.BytesMessage;
import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.convert.RecordMessageCodec;
import io.openmessaging.omsconnect.driver.PluginDriverRegistry;
import io.openmessaging.omsconnect.plugin.Pf4jPluginHost;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One suite every driver passes, loaded the way the worker loads it (its plugin, through the driver
 * registry). What a driver does not offer must say so with {@link OMSNotSupportedException}; the suite
 * records those in {@link #UNSUPPORTED} and prints them.
 */
class DriverConformanceIT {
    static final Set<String> UNSUPPORTED = ConcurrentHashMap.newKeySet();
    private static final java.time.Duration BOUND = java.time.Duration.ofSeconds(30);
    private static final java.time.Duration FIRST_DELIVERY = java.time.Duration.ofSeconds(25);

    /**
     * One plugin host and driver registry per driver for the whole class, as a worker keeps them: loading and
     * unloading a driver's plugin is DriverMatrixIT's and DriverUninstallIT's subject; here an unload after each
     * test would only add the RocketMQ client's thread wind-down (4 s) to every RocketMQ test.
     */
    private static final Map<Drivers, LoadedDriver> LOADED = new EnumMap<>(Drivers.class);
    @TempDir
    static Path sharedDir;
    @TempDir
    Path dir;
    private LoadedDriver loaded;
    private String url;
    private final List<Runnable> cleanup = new ArrayList<>();

    /** A driver's plugin, loaded the way the worker loads it, in its own folder. */
    private record LoadedDriver(Path pluginsDir, Pf4jPluginHost plugins, PluginDriverRegistry registry) {
        static LoadedDriver load(Drivers driver, Path dir) throws Exception {
            Path pluginsDir = Files.createDirectories(dir.resolve(driver.name().toLowerCase(java.util.Locale.ROOT)).resolve("plugins"));
            Path built = TestWorker.builtPlugin(driver.plugin);
            Files.copy(built, pluginsDir.resolve(built.getFileName()));
            Pf4jPluginHost plugins = new Pf4jPluginHost(pluginsDir);
            plugins.start();
            return new LoadedDriver(pluginsDir, plugins, new PluginDriverRegistry(plugins));
        }

        void close() {
            registry.close();
            plugins.close();
        }
    }

    private LoadedDriver load(Drivers driver) throws Exception {
        driver.assumeAvailable();
        synchronized (LOADED) {
            LoadedDriver d = LOADED.get(driver);
            if (d == null) {
                d = LoadedDriver.load(driver, sharedDir);
                LOADED.put(driver, d);
            }
            loaded = d;
            return d;
        }
    }

    private MessagingAccessPoint open(Drivers driver) throws Exception {
        LoadedDriver d = load(driver);
        url = driver.url(d.pluginsDir().getParent());
        return d.registry().acquire(url);
    }

    @AfterEach
    void close() {
        cleanup.forEach(Runnable::run);
    }

    @AfterAll
    static void unload() {
        synchronized (LOADED) {
            LOADED.values().forEach(LoadedDriver::close);
            LOADED.clear();
        }
    }

    /** A fresh queue name (for tests that expect messages on it: made to exist, see {@link Drivers#prepareTopic}). */
    private static String queue(Drivers driver) {
        return driver.prepareTopic(unknownQueue(), "g", "group-a", "group-b");
    }

    private static String unknownQueue() {
        return "conf" + Long.toHexString(System.nanoTime());
    }

    @AfterAll
    static void printUnsupported() {
        System.out.println("UNSUPPORTED (driver: feature): " + (UNSUPPORTED.isEmpty() ? "none"
                : String.join("; ", new java.util.TreeSet<>(UNSUPPORTED))));
    }

    private PullConsumer consumer(MessagingAccessPoint ap, String queue, String group) {
        PullConsumer c = ap.createPullConsumer(new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, group));
        c.attachQueue(queue);
        c.startup();
        cleanup.add(0, c::shutdown);
        return c;
    }

    private Producer producer(MessagingAccessPoint ap) {
        Producer p = ap.createProducer();
        p.startup();
        cleanup.add(0, p::shutdown);
        return p;
    }

    private static byte[] body(int i) {
        return ("message-" + i).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Receives and acks {@code n} messages, waiting up to {@link #FIRST_DELIVERY} in all: a new RocketMQ
     * consumer may see nothing for its first seconds (it waits for its group's rebalance).
     */
    private static List<String> drain(PullConsumer c, int n) {
        long deadline = System.nanoTime() + FIRST_DELIVERY.toNanos();
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            Message m = next(c, deadline, "only " + out.size() + " of " + n + " messages arrived");
            out.add(new String(m.getBody(byte[].class), StandardCharsets.UTF_8));
            c.ack(RecordMessageCodec.ackHandle(m));
        }
        return out;
    }

    private static Message next(PullConsumer c, long deadlineNanos, String failure) {
        KeyValue timeout = new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, 1000);
        while (true) {
            Message m = c.receive(timeout);
            if (m != null) {
                return m;
            }
            assertTrue(System.nanoTime() < deadlineNanos, failure);
        }
    }

    private static List<String> expected(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("message-" + i);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Drivers.class)
    void syncSendsArriveInOrder(Drivers driver) throws Exception {
        MessagingAccessPoint ap = open(driver);
        String q = queue(driver);
        PullConsumer c = consumer(ap, q, "g");
        Producer p = producer(ap);
        for (int i = 0; i < 200; i++) {
            SendResult r = p.send(p.createBytesMessage(q, body(i)));
            assertNotNull(r.messageId());
        }
        assertTimeoutPreemptively(BOUND, () -> assertEquals(expected(0, 200), drain(c, 200)));
    }

    @ParameterizedTest
    @EnumSource(Drivers.class)
    void asyncAndBatchSendsArrive(Drivers driver) throws Exception {
        MessagingAccessPoint ap = open(driver);
        String q = queue(driver);
        PullConsumer c = consumer(ap, q, "g");
        Producer p = producer(ap);
        List<Future<SendResult>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            futures.add(p.sendAsync(p.createBytesMessage(q, body(i))));
        }
        for (Future<SendResult> f : futures) {
            assertNotNull(f.get(10_000), "async send not acknowledged: " + f.getThrowable());
        }
        int total = 100;
        try {
            BatchMessageSender batch = p.createBatchMessageSender();
            if (batch == null) {
                UNSUPPORTED.add(driver + ": batch send (createBatchMessageSender returns null)");
            } else {
                for (int i = 100; i < 150; i++) {
                    batch.send(p.createBytesMessage(q, body(i)));
                }
                batch.commit();
                batch.close();
                total = 150;
            }
        } catch (OMSNotSupportedException e) {
            UNSUPPORTED.add(driver + ": batch send");
        }
        int n = total;
        List<String> got = assertTimeoutPreemptively(BOUND, () -> drain(c, n));
        if (driver == Drivers.ROCKETMQ && !got.equals(expected(0, n))) {
            // OMS promises no order among async sends; RocketMQ's client sends them from a thread pool
            UNSUPPORTED.add(driver + ": order of async sends (all arrive, order not kept)");
            assertEquals(new java.util.TreeSet<>(expected(0, n)), new java.util.TreeSet<>(got));
            assertEquals(n, got.size());
        } else {
            assertEquals(expected(0, n), got);
        }
    }

    @ParameterizedTest
    @EnumSource(Drivers.class)
    void aQueueMadeByTheResourceManagerKeepsMessagesSentBeforeAnyConsumer(Drivers driver) throws Exception {
        MessagingAccessPoint ap = open(driver);
        String q = unknownQueue();
        try {
            ap.resourceManager().createQueue(q, new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, "g"));
        } catch (OMSNotSupportedException e) {
            UNSUPPORTED.add(driver + ": resource manager (" + e.getMessage() + ")");
            return;
        }
        Producer p = producer(ap);
        for (int i = 0; i < 10; i++) {
            p.send(p.createBytesMessage(q, body(i)));
        }
        PullConsumer c = consumer(ap, q, "g");
        assertTimeoutPreemptively(BOUND, () -> assertEquals(expected(0, 10), drain(c, 10)));
    }

    @ParameterizedTest
    @EnumSource(Drivers.class)
    void unackedMessagesComeAgainAfterAConsumerRestart(Drivers driver) throws Exception {
        MessagingAccessPoint ap = open(driver);
        String q = queue(driver);
        PullConsumer first = ap.createPullConsumer(new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, "g"));
        first.attachQueue(q);
        first.startup();
        Producer p = producer(ap);
        for (int i = 0; i < 10; i++) {
            p.send(p.createBytesMessage(q, body(i)));
        }
        assertTimeoutPreemptively(BOUND, () -> {
            long deadline = System.nanoTime() + FIRST_DELIVERY.toNanos();
            for (int i = 0; i < 5; i++) { // ack the first five, leave the rest
                Message m = next(first, deadline, "message " + i + " did not arrive");
                assertEquals("message-" + i, new String(m.getBody(byte[].class), StandardCharsets.UTF_8));
                first.ack(RecordMessageCodec.ackHandle(m));
            }
            next(first, deadline, "message 5 did not arrive"); // received, never acked
        });
        first.shutdown();
        PullConsumer second = consumer(ap, q, "g");
        assertTimeoutPreemptively(BOUND, () -> assertEquals(expected(5, 10), drain(second, 5)));
    }

    @ParameterizedTest
    @EnumSource(Drivers.class)
    void twoConsumerGroupsEachGetEveryMessage(Drivers driver) throws Exception {
        MessagingAccessPoint ap = open(driver);
        String q = queue(driver);
        PullConsumer a = consumer(ap, q, "group-a");
        PullConsumer b = consumer(ap, q, "group-b");
        Producer p = producer(ap);
        for (int i = 0; i < 50; i++) {
            p.send(p.createBytesMessage(q, body(i)));
        }
        assertTimeoutPreemptively(BOUND, () -> {
            assertEquals(expected(0, 50), drain(a, 50));
            assertEquals(expected(0, 50), drain(b, 50));
        });
    }

    /**
     * Consumers of one group in two processes share the group's messages: each message goes to one of
     * them, and when one dies ({@code kill -9}) the other goes on from the group's committed position. The
     * sink tasks of one connector on different workers of a cluster rely on this. Not on the embedded queue:
     * it lives in one process.
     */
    @ParameterizedTest
    @EnumSource(value = Drivers.class, names = {"RABBITMQ", "ROCKETMQ", "KAFKA"})
    void consumersOfOneGroupInTwoProcessesShareItsMessages(Drivers driver) throws Exception {
        MessagingAccessPoint ap = open(driver);
        // two queues where a topic has queues (RocketMQ's queues, Kafka's partitions), so that each consumer gets one
        // to read
        String q = driver.prepareTopic(unknownQueue(), 2, "g");
        Path there = dir.resolve("received-by-the-other-process.txt");
        Process other = GroupConsumerProcess.start(loaded.pluginsDir(), url, q, "g", there, dir.resolve("other.log"));
        cleanup.add(0, other::destroyForcibly);
        TestWorker.await("the other process's consumer to attach", BOUND, () -> wholeLines(there).contains("started"));
        PullConsumer here = consumer(ap, q, "g");
        Producer p = producer(ap);
        List<String> gotHere = new ArrayList<>();

        // while the group settles which of them reads a queue, a message may reach both (at least once: a
        // RocketMQ consumer gives up a queue at its next rebalance); once settled, a batch reaches each
        // message to one of them only
        long settleBy = System.nanoTime() + FIRST_DELIVERY.toNanos();
        int next = 0;
        List<String> overlap;
        List<String> batchHere;
        List<String> batchThere;
        do {
            assertTrue(System.nanoTime() < settleBy, "the group never settled: each batch reached both consumers");
            int hereBefore = gotHere.size();
            int thereBefore = wholeLines(there).size();
            sendAndAwaitInGroup(p, q, next, next + 50, here, gotHere, there);
            next += 50;
            batchHere = List.copyOf(gotHere.subList(hereBefore, gotHere.size()));
            List<String> thereNow = wholeLines(there);
            batchThere = thereNow.subList(thereBefore, thereNow.size());
            overlap = batchHere.stream().filter(batchThere::contains).toList();
        } while (!overlap.isEmpty());
        System.out.println(driver + ": settled after " + next + " messages; of the last 50, " + batchHere.size()
                + " were read here, " + batchThere.size() + " in the other process");

        // the other process dies: this one reads on, from the group's committed position
        other.destroyForcibly().waitFor();
        int before = gotHere.size();
        List<String> last = expected(next, next + 50);
        for (int i = next; i < next + 50; i++) {
            p.send(p.createBytesMessage(q, body(i)));
        }
        long deadline = System.nanoTime() + FIRST_DELIVERY.toNanos();
        List<String> afterDeath = gotHere.subList(before, gotHere.size());
        while (!afterDeath.containsAll(last)) {
            Message m = next(here, deadline, "after the other consumer died, only "
                    + afterDeath.stream().filter(last::contains).distinct().count() + " of 50 arrived");
            gotHere.add(new String(m.getBody(byte[].class), StandardCharsets.UTF_8));
            here.ack(RecordMessageCodec.ackHandle(m));
            afterDeath = gotHere.subList(before, gotHere.size());
        }
    }

    /** Sends {@code from..to} and receives here until the two consumers of the group have all of them. */
    private static void sendAndAwaitInGroup(Producer p, String q, int from, int to, PullConsumer here,
                                            List<String> gotHere, Path there) throws Exception {
        for (int i = from; i < to; i++) {
            p.send(p.createBytesMessage(q, body(i)));
        }
        long deadline = System.nanoTime() + FIRST_DELIVERY.toNanos();
        KeyValue timeout = new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, 200);
        while (true) {
            Set<String> both = new java.util.HashSet<>(gotHere);
            both.addAll(wholeLines(there));
            if (both.containsAll(expected(from, to))) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the group's two consumers got "
                    + expected(from, to).stream().filter(both::contains).count() + " of " + (to - from));
            Message m = here.receive(timeout);
            if (m != null) {
                gotHere.add(new String(m.getBody(byte[].class), StandardCharsets.UTF_8));
                here.ack(RecordMessageCodec.ackHandle(m));
            }
        }
    }

    /** The lines of a file another process appends to, without a last line it is still writing. */
    private static List<String> wholeLines(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return List.of(text.substring(0, text.lastIndexOf('\n') + 1).split("\n", -1)).stream()
                .filter(l -> !l.isEmpty()).toList();
    }

    @ParameterizedTest
    @EnumSource(Drivers.class)
    void aOneMegabyteMessageArrivesWhole(Drivers driver) throws Exception {
        MessagingAccessPoint ap = open(driver);
        String q = queue(driver);
        PullConsumer c = consumer(ap, q, "g");
        Producer p = producer(ap);
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 'z');
        big[12345] = 7;
        BytesMessage m = p.createBytesMessage(q, big);
        m.putUserHeaders("k", "v");
        p.send(m);
        assertTimeoutPreemptively(BOUND, () -> {
            Message got = next(c, System.nanoTime() + FIRST_DELIVERY.toNanos(), "the big message did not arrive");
            assertArrayEquals(big, got.getBody(byte[].class));
            assertEquals("v", got.userHeaders().getString("k"));
        });
    }

    @ParameterizedTest
    @EnumSource(Drivers.class)
    void anUnknownQueueNeitherHangsNorInventsMessages(Drivers driver) throws Exception {
        MessagingAccessPoint ap = open(driver);
        PullConsumer c = consumer(ap, unknownQueue(), "g");
        assertTimeoutPreemptively(BOUND, () -> {
            Message m = c.receive(new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, 300));
            assertEquals(null, m);
        });
    }

    @ParameterizedTest
    @EnumSource(Drivers.class)
    void aClosedProducerRefusesToSend(Drivers driver) throws Exception {
        MessagingAccessPoint ap = open(driver);
        String q = queue(driver);
        consumer(ap, q, "g");
        Producer p = ap.createProducer();
        p.startup();
        p.shutdown();
        RuntimeException e = assertThrows(RuntimeException.class, () -> p.send(p.createBytesMessage(q, body(1))));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a clear message: " + e);
    }

    @ParameterizedTest
    @EnumSource(Drivers.class)
    void aServerThatIsNotThereGivesAClearErrorQuickly(Drivers driver) throws Exception {
        PluginDriverRegistry registry = load(driver).registry();
        String gone = switch (driver) {
            case LOCAL -> "oms:local:///proc/no-such-place/mq/default";
            case RABBITMQ -> "oms:rabbitmq://guest:guest@127.0.0.1:1/default";
            // connects lazily: the send is the first use
            case ROCKETMQ -> "oms:rocketmq://127.0.0.1:1/default";
            // startup() waits for the cluster to answer for kafka.startup.timeout.ms: 10 s by default, well within
            // the bound too; 2 s keeps 8 s of waiting out of every run
            case KAFKA -> "oms:kafka://127.0.0.1:1/default?kafka.startup.timeout.ms=2000";
        };
        RuntimeException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(RuntimeException.class, () -> {
            MessagingAccessPoint ap = registry.acquire(gone);
            // a driver may connect lazily: then the first real use must fail
            Producer p = ap.createProducer();
            p.startup();
            p.send(p.createBytesMessage("q", body(1)));
        }));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a clear error: " + e);
    }
}
