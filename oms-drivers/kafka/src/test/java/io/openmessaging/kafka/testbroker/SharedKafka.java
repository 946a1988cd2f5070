package io.openmessaging.kafka.testbroker;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@link EmbeddedKafka} per test JVM: started by the first test class that uses this extension
 * ({@code @ExtendWith(SharedKafka.class)}), stopped when JUnit ends the run. A broker that cannot start fails the
 * tests with the reason: it is started by the tests, so there is nothing to skip for.
 */
public final class SharedKafka implements BeforeAllCallback {
    private static volatile EmbeddedKafka broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(EmbeddedKafka.class, key -> start(), EmbeddedKafka.class);
    }

    /** {@code 127.0.0.1:<port>} of the shared broker. */
    public static String bootstrapServers() {
        if (broker == null) {
            throw new IllegalStateException("no test broker: annotate the test class with @ExtendWith(SharedKafka.class)");
        }
        return broker.bootstrapServers();
    }

    private static EmbeddedKafka start() {
        long started = System.nanoTime();
        try {
            // under target/ (the tests' working folder): mvn clean removes what a killed run left
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kafka-");
            EmbeddedKafka kafka = EmbeddedKafka.start(dir);
            System.out.printf("test Kafka broker (KRaft, in this JVM) on %s started in %d ms%n",
                    kafka.bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("The test Kafka broker (single-node KRaft in this JVM, 127.0.0.1) did not start: " + e, e);
        }
    }
}
