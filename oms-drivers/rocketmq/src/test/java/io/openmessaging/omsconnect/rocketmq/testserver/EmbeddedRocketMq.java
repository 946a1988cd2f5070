package io.openmessaging.omsconnect.rocketmq.testserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.common.TlsMode;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.store.config.MessageStoreConfig;

/**
 * A real RocketMQ name server and one broker running in this JVM on 127.0.0.1, free ports and a
 * temporary store, for tests. {@link #start()} returns once the broker is registered with the name
 * server, so clients get routes (auto-creation included) from the first call.
 */
public final class EmbeddedRocketMq implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final String CLUSTER = "OmsConnectTestCluster";
    private static final String BROKER = "omsconnect-test-broker";
    /** The broker's template topic for auto-created topics: routed once the broker has registered. */
    private static final String AUTO_CREATE_TEMPLATE_TOPIC = "TBW102";
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(30);

    private final Path storeDir;
    private final Ports requested;
    private final int defaultQueues;
    private final boolean ownsStore;
    private NamesrvController nameServer;
    private BrokerController broker;
    private int nameServerPort;
    private int brokerPort;
    private int haPort;

    private EmbeddedRocketMq(Path storeDir, Ports requested, int defaultQueues, boolean ownsStore) {
        this.storeDir = storeDir;
        this.requested = requested;
        this.defaultQueues = defaultQueues;
        this.ownsStore = ownsStore;
    }

    /**
     * The ports a name server and broker listen on; 0 picks a free one. Giving the ports (and store) of a
     * stopped instance starts it again where clients expect it, with the messages it stored.
     */
    public record Ports(int nameServer, int broker, int ha) {
        public static final Ports ANY = new Ports(0, 0, 0);
    }

    /** Starts a name server and a broker, and waits until the broker is registered. */
    public static EmbeddedRocketMq start() throws Exception {
        return start(Files.createTempDirectory("omsconnect-rocketmq-"), Ports.ANY, 0, true);
    }

    /**
     * Like {@link #start()}, on {@code storeDir}, which {@link #close()} keeps when {@code ownsStore} is false,
     * on the given ports, and with {@code defaultQueues} queues for each auto-created topic (0: the broker's default).
     */
    public static EmbeddedRocketMq start(Path storeDir, Ports ports, int defaultQueues, boolean ownsStore)
            throws Exception {
        // The broker's registration carries its topics only when its requests say version >= 3.0.11;
        // requests read the version from this property, which BrokerStartup (and any RocketMQ client
        // class) sets and an embedded broker started first would not: the name server then has the
        // broker but no topic routes ("No route info of this topic").
        System.setProperty(RemotingCommand.REMOTING_VERSION_KEY, Integer.toString(MQVersion.CURRENT_VERSION));
        // Servers default to TLS "permissive": each generates a self-signed RSA certificate at start,
        // 10-20 s of CPU on a busy machine. Plain TCP is all a loopback test needs.
        TlsSystemConfig.tlsMode = TlsMode.DISABLED;
        EmbeddedRocketMq mq = new EmbeddedRocketMq(storeDir, ports, defaultQueues, ownsStore);
        try {
            long t0 = System.nanoTime();
            mq.startNameServer();
            long t1 = System.nanoTime();
            mq.startBroker();
            long t2 = System.nanoTime();
            mq.awaitRoute(AUTO_CREATE_TEMPLATE_TOPIC);
            long t3 = System.nanoTime();
            System.out.printf("namesrv %d ms, broker %d ms, registration %d ms%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            return mq;
        } catch (Exception | Error e) {
            mq.close();
            throw e;
        }
    }

    /** The name server address, {@code 127.0.0.1:<port>}: what a client's namesrvAddr is. */
    public String nameServerAddress() {
        return LOOPBACK + ":" + nameServerPort;
    }

    /** The ports this instance listens on: give them to {@link #start(Path, Ports, int, boolean)} to start it again. */
    public Ports ports() {
        return new Ports(nameServerPort, brokerPort, haPort);
    }

    /**
     * Creates (or updates) a topic with {@code queues} read and write queues on the broker, and
     * returns once the name server serves its route.
     */
    public void createTopic(String topic, int queues) {
        TopicConfig config = new TopicConfig(topic, queues, queues, PermName.PERM_READ | PermName.PERM_WRITE);
        broker.getTopicConfigManager().updateTopicConfig(config);
        broker.registerIncrementBrokerData(config, broker.getTopicConfigManager().getDataVersion());
        awaitRoute(topic);
    }

    /**
     * Gives {@code group} offset 0 on each of the topic's queues, as if it had consumed nothing yet.
     * Works around a bug of rocketmq-openmessaging 5.5.0's pull consumer: for a group without an offset
     * on a queue that is still empty the broker answers "not found", the consumer caches the -1 it makes of
     * that as its next pull offset ({@code LocalMessageCache.nextPullOffset}), and every pull then fails
     * with "offset < 0": the group never receives anything until the consumer is restarted.
     */
    public void startGroupAtTheBeginning(String group, String topic, int queues) {
        for (int queue = 0; queue < queues; queue++) {
            broker.getConsumerOffsetManager().commitOffset(LOOPBACK, group, topic, queue, 0);
        }
    }

    /** The number of queues the name server routes for {@code topic}, 0 when it has no route. */
    public int routedQueues(String topic) {
        TopicRouteData route = nameServer.getRouteInfoManager().pickupTopicRouteData(topic);
        return route == null ? 0 : route.getQueueDatas().stream().mapToInt(q -> q.getWriteQueueNums()).sum();
    }

    private void startNameServer() throws Exception {
        NamesrvConfig config = new NamesrvConfig();
        config.setKvConfigPath(storeDir.resolve("namesrv/kvConfig.json").toString());
        config.setConfigStorePath(storeDir.resolve("namesrv/namesrv.properties").toString());
        NettyServerConfig server = new NettyServerConfig();
        server.setBindAddress(LOOPBACK);
        nameServerPort = requested.nameServer() > 0 ? requested.nameServer() : freePort(false);
        server.setListenPort(nameServerPort);
        nameServer = new NamesrvController(config, server, new NettyClientConfig());
        if (!nameServer.initialize()) {
            throw new IllegalStateException("name server did not initialize");
        }
        nameServer.start();
    }

    private void startBroker() throws Exception {
        BrokerConfig config = new BrokerConfig();
        config.setBrokerClusterName(CLUSTER);
        config.setBrokerName(BROKER);
        config.setBrokerIP1(LOOPBACK);
        config.setNamesrvAddr(nameServerAddress());
        config.setAutoCreateTopicEnable(true);
        config.setAutoCreateSubscriptionGroup(true);
        // a send waiting over 200 ms in the broker's queue is refused ("[TIMEOUT_CLEAN_QUEUE] broker busy"):
        // a real overload signal on a server, mere CPU sharing on a test machine
        config.setWaitTimeMillsInSendQueue(10_000);
        // started again on an existing store, the broker first goes through a "pre-online" phase meant for
        // broker sets, and its first registration may not reach the name server; skip that, and re-register
        // as often as allowed (every 10 s) so a missed registration is made up for soon
        config.setSkipPreOnline(true);
        config.setRegisterNameServerPeriod(10_000);
        if (defaultQueues > 0) {
            // the queue count of the auto-creation template topic caps that of every auto-created topic
            config.setDefaultTopicQueueNums(defaultQueues);
        }

        MessageStoreConfig store = new MessageStoreConfig();
        store.setStorePathRootDir(storeDir.resolve("store").toString());
        store.setStorePathCommitLog(storeDir.resolve("store/commitlog").toString());
        // small mapped files keep the test's disk and page cache modest
        store.setMappedFileSizeCommitLog(64 * 1024 * 1024);
        store.setMappedFileSizeConsumeQueue(20 * 20_000);
        store.setMaxIndexNum(10_000);
        store.setMaxHashSlotNum(40_000);
        // the timer wheel maps ~140 MB of files and is only used by delayed messages
        store.setTimerWheelEnable(false);
        // same for a commit log write held over 1 s ("[PC_SYNCHRONIZED] broker busy")
        store.setOsPageCacheBusyTimeOutMills(10_000);
        // a pull returns at most 32 messages by default, and the OMS pull consumer pulls each queue every
        // 200 ms: 160 messages/s a queue. Clients that ask for more (rmq.pull.message.batch.nums) get it.
        store.setMaxTransferCountOnMessageInMemory(2_000);
        store.setMaxTransferBytesOnMessageInMemory(4 * 1024 * 1024);
        haPort = requested.ha() > 0 ? requested.ha() : freePort(false);
        store.setHaListenPort(haPort);

        NettyServerConfig server = new NettyServerConfig();
        server.setBindAddress(LOOPBACK);
        // the broker also listens on port - 2 (its "fast" channel)
        brokerPort = requested.broker() > 0 ? requested.broker() : freePort(true);
        server.setListenPort(brokerPort);
        broker = new BrokerController(config, server, new NettyClientConfig(), store);
        if (!broker.initialize()) {
            throw new IllegalStateException("broker did not initialize");
        }
        broker.start();
    }

    private void awaitRoute(String topic) {
        await(() -> routedQueues(topic) > 0, () -> "route of topic " + topic + " on the name server; clusters: "
                + new String(nameServer.getRouteInfoManager().getAllClusterInfo().encode())
                + " broker topics: " + broker.getTopicConfigManager().getTopicConfigTable().keySet());
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what.get(), e);
            }
        }
    }

    /** A free port on the loopback; with {@code alsoMinusTwo}, one whose port - 2 is free too. */
    private static int freePort(boolean alsoMinusTwo) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
                port = socket.getLocalPort();
            }
            if (!alsoMinusTwo || isFree(port - 2)) {
                return port;
            }
        }
        throw new IOException("no free port pair on " + LOOPBACK);
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker and the name server and deletes the store (unless the caller owns it). */
    @Override
    public void close() {
        if (broker != null) {
            broker.shutdown();
            if (ownsStore) {
                broker.getMessageStore().destroy();
            }
        }
        if (nameServer != null) {
            nameServer.shutdown();
        }
        if (ownsStore) {
            deleteTree(storeDir);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
