package io.openmessaging.omsconnect.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real RocketMQ name server and broker in a child JVM ({@link ChildBroker}): the rocketmq driver module's test
 * server ({@code testserver.EmbeddedRocketMqMain}). So the host's tests run on RocketMQ with no RocketMQ class on
 * their own classpath.
 */
public final class ChildRocketMq implements AutoCloseable {
    private static final ChildBroker.Kind KIND = new ChildBroker.Kind("RocketMQ",
            Path.of(System.getProperty("omsconnect.rocketmqTarget", "../oms-drivers/rocketmq/target")),
            "io.openmessaging.omsconnect.rocketmq.testserver.EmbeddedRocketMqMain");
    private static final int RESTART_ATTEMPTS = 3;

    private final ChildBroker broker;
    private final String nameServer;
    private final int[] ports;

    private ChildRocketMq(ChildBroker broker) {
        this.broker = broker;
        List<String> words = broker.ready(); // <name server host:port> <name server port> <broker port> <ha port>
        nameServer = words.get(0);
        ports = new int[] {Integer.parseInt(words.get(1)), Integer.parseInt(words.get(2)), Integer.parseInt(words.get(3))};
    }

    /** Whether the driver module was built with its test classpath file: without it there is no server to start. */
    public static boolean available() {
        return KIND.built();
    }

    /** The one server of this JVM, started on first use, stopped when the JVM exits. */
    public static ChildRocketMq shared() {
        return ChildBroker.shared(ChildRocketMq.class, ChildRocketMq::start);
    }

    /** A new server on free ports keeping its store in {@code storeDir}. */
    public static ChildRocketMq start(Path storeDir) {
        return start(storeDir, new int[] {0, 0, 0});
    }

    private static ChildRocketMq start(Path storeDir, int[] ports) {
        List<String> args = new ArrayList<>(List.of(storeDir.resolve("store").toString()));
        for (int p : ports) {
            args.add(Integer.toString(p));
        }
        args.add("1"); // one queue per auto-created topic: its order is the total order
        // the broker's own logs (and RocksDB's) go under user.home/logs
        return new ChildRocketMq(ChildBroker.start(KIND, storeDir, List.of("-Duser.home=" + storeDir.resolve("home")), args));
    }

    /**
     * A new server on this one's ports and store, e.g. after {@link #stop()}: clients find it where it was.
     * A few tries: a port the old server held may not be free again at once.
     */
    public ChildRocketMq restart() {
        for (int attempt = 1; ; attempt++) {
            try {
                return start(broker.dir(), ports);
            } catch (IllegalStateException e) {
                if (attempt == RESTART_ATTEMPTS) {
                    throw e;
                }
                System.out.println("RocketMQ child did not start again (attempt " + attempt + "), retrying: " + e.getMessage());
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** {@code host:port} of the name server. */
    public String nameServerAddress() {
        return nameServer;
    }

    /**
     * The driver URL for this server. Its query raises the pull consumer's batch from 32 messages: the
     * driver pulls each queue every 200 ms, so 32 caps a queue at 160 messages/s.
     */
    public String url() {
        return "oms:rocketmq://" + nameServer + "/default?rmq.pull.message.batch.nums=1000&rmq.pull.message.cache.capacity=4000";
    }

    /**
     * Creates a topic with {@code queues} queues and returns once the name server routes it. The consumer
     * groups named start at its beginning: the RocketMQ driver's pull consumer never receives anything on a
     * queue that was empty when its group (without an offset yet) first looked (EmbeddedRocketMq#startGroupAtTheBeginning).
     */
    public void createTopic(String topic, int queues, String... groups) {
        broker.createTopic(topic, queues, groups);
    }

    /** Shuts the broker and name server down (the store stays) and waits for the child to exit. */
    public void stop() {
        broker.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
