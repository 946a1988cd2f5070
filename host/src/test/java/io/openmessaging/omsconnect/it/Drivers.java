package io.openmessaging.omsconnect.it;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The drivers the integration tests run on, each as its built plugin plus a URL. A driver whose server is
 * absent is skipped with a message on a user's machine and fails the run when {@code CI=true}.
 */
enum Drivers {
    LOCAL("oms-driver-local", dir -> "oms:local://" + dir.resolve("mq") + "/default"),
    /**
     * In a virtual host of this JVM's, deleted with everything in it when the JVM ends ({@link RabbitMqTestVhost}).
     * Topics are streams that keep everything unless told: the tests' topics keep an hour of data in small
     * segments, so that a long run does not fill the disk.
     */
    RABBITMQ("oms-driver-rabbitmq", dir -> "oms:rabbitmq://guest:guest@127.0.0.1:5672/" + RabbitMqTestVhost.name()
            + "?rabbitmq.stream.max-age=1h&rabbitmq.stream.segment-bytes=4000000"),
    /** A name server and broker in a child JVM, one per test JVM (see {@link ChildRocketMq}). */
    ROCKETMQ("oms-driver-rocketmq", dir -> ChildRocketMq.shared().url()),
    /** A single-node KRaft broker in a child JVM, one per test JVM (see {@link ChildKafka}). */
    KAFKA("oms-driver-kafka", dir -> ChildKafka.shared().url());

    final String plugin;
    private final Function<Path, String> url;

    Drivers(String plugin, Function<Path, String> url) {
        this.plugin = plugin;
        this.url = url;
    }

    String url(Path workDir) {
        return url.apply(workDir);
    }

    /** Skips (or, in CI, fails) when the driver's server is not reachable. */
    void assumeAvailable() {
        if (this == RABBITMQ && !listening(5672)) {
            absent("RabbitMQ is not listening on 127.0.0.1:5672; skipping the RabbitMQ driver tests");
        }
        if (this == ROCKETMQ && !ChildRocketMq.available()) {
            absent("the RocketMQ test server is not built (oms-drivers/rocketmq/target/test-classpath.txt); "
                    + "run `mvn -DskipTests package` from the top folder; skipping the RocketMQ driver tests");
        }
        if (this == KAFKA && !ChildKafka.available()) {
            absent("the Kafka test broker is not built (oms-drivers/kafka/target/test-classpath.txt); "
                    + "run `mvn -DskipTests package` from the top folder; skipping the Kafka driver tests");
        }
    }

    /**
     * Makes {@code topic} exist with one queue where topics are not created by the first send in time for
     * a consumer that attached before it (RocketMQ: such a consumer finds a new topic only at its next
     * route refresh, up to 30 s later). One queue: RocketMQ orders per queue. The consumer {@code groups}
     * start at its beginning: works around the RocketMQ driver's new-group-on-empty-queue bug
     * ({@link ChildRocketMq#createTopic}).
     */
    String prepareTopic(String topic, String... groups) {
        return prepareTopic(topic, 1, groups);
    }

    /**
     * As above, with {@code queues} queues where the broker splits a topic (RocketMQ's queues, Kafka's partitions).
     * Kafka would make a topic on first use too, with the broker's default partitions: made here, it has the ones
     * the test asks for. A new Kafka group starts at the topic's beginning, so {@code groups} need nothing there.
     */
    String prepareTopic(String topic, int queues, String... groups) {
        if (this == ROCKETMQ) {
            ChildRocketMq.shared().createTopic(topic, queues, groups);
        } else if (this == KAFKA) {
            ChildKafka.shared().createTopic(topic, queues);
        }
        return topic;
    }

    private static void absent(String message) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true: integration tests must run)");
        }
        Assumptions.abort(message);
    }

    static List<Drivers> all() {
        return List.of(values());
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
