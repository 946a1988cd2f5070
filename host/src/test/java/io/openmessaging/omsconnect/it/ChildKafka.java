package io.openmessaging.omsconnect.it;

import java.nio.file.Path;
import java.util.List;

/**
 * A real single-node Kafka (KRaft) in a child JVM ({@link ChildBroker}): the kafka driver module's test broker
 * ({@code testbroker.EmbeddedKafkaMain}), on 127.0.0.1 and free ports, so the host's tests run on Kafka with no
 * Kafka server class on their own classpath.
 */
public final class ChildKafka implements AutoCloseable {
    private static final ChildBroker.Kind KIND = new ChildBroker.Kind("Kafka",
            Path.of(System.getProperty("omsconnect.kafkaTarget", "../oms-drivers/kafka/target")),
            "io.openmessaging.kafka.testbroker.EmbeddedKafkaMain");

    private final ChildBroker broker;

    private ChildKafka(ChildBroker broker) {
        this.broker = broker;
    }

    /** Whether the driver module was built with its test classpath file: without it there is no broker to start. */
    public static boolean available() {
        return KIND.built();
    }

    /** The one broker of this JVM, started on first use, stopped when the JVM exits. */
    public static ChildKafka shared() {
        return ChildBroker.shared(ChildKafka.class, ChildKafka::start);
    }

    /** A new broker keeping its log (which it deletes when it stops) in {@code dir/log}. */
    public static ChildKafka start(Path dir) {
        // its own logback log (Kafka's warnings, the driver's lines) beside the child's output
        return new ChildKafka(ChildBroker.start(KIND, dir, List.of("-Domsconnect.kafka.testLog=" + dir.resolve("kafka.log")),
                List.of(dir.resolve("log").toString())));
    }

    /**
     * The driver URL for this broker. {@code max.request.size}: the conformance suite's 1 MiB message plus its
     * headers is over the producer's 1 MiB default (the broker takes 4 MiB). {@code session.timeout.ms} and
     * {@code heartbeat.interval.ms}: a consumer killed with {@code kill -9} leaves its group after 6 s instead of
     * 45 s, so the group's other members read on within the tests' bounds.
     */
    public String url() {
        return "oms:kafka://" + bootstrapServers()
                + "/default?max.request.size=2097152&session.timeout.ms=6000&heartbeat.interval.ms=500";
    }

    /** Where Kafka clients connect: {@code host:port}. */
    public String bootstrapServers() {
        return broker.ready().get(0);
    }

    /** Creates a topic of {@code partitions} partitions and returns once the broker made it. */
    public void createTopic(String topic, int partitions) {
        broker.createTopic(topic, partitions);
    }

    @Override
    public void close() {
        broker.stop();
    }
}
