package io.openmessaging.kafka.testbroker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test broker as another module's tests start it: a child JVM on this module's test classpath
 * ({@code target/test-classpath.txt} + {@code target/test-classes}), spoken to over its stdin and stdout.
 */
class EmbeddedKafkaMainIT {

    @Test
    void aChildJvmSaysWhereItListensMakesTopicsAndStopsWhenItsInputCloses() throws Exception {
        String classpath = Files.readString(Path.of("target/test-classpath.txt")).trim() + File.pathSeparator
                + Path.of("target/test-classes").toAbsolutePath();
        long started = System.nanoTime();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Domsconnect.kafka.testLog=target/test-child.log", "-cp", classpath, EmbeddedKafkaMain.class.getName())
                .redirectErrorStream(true).start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (Exception e) {
                    // the child ended
                }
            }, "child-kafka-output");
            reader.setDaemon(true);
            reader.start();
            String ready = lines.poll(60, TimeUnit.SECONDS);
            assertNotNull(ready, "the child said nothing in 60 s");
            assertTrue(ready.startsWith(EmbeddedKafkaMain.READY + " 127.0.0.1:"), ready);
            String bootstrap = ready.split(" ")[1];
            System.out.printf("child JVM broker on %s ready %d ms after the JVM was started%n", bootstrap,
                    (System.nanoTime() - started) / 1_000_000);

            Writer commands = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
            commands.write("topic prepared 3\n");
            commands.flush();
            assertEquals("OK prepared", lines.poll(30, TimeUnit.SECONDS));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                assertEquals(3, admin.describeTopics(List.of("prepared")).allTopicNames().get(10, TimeUnit.SECONDS)
                        .get("prepared").partitions().size());
            }

            commands.close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not stop when its input closed");
            assertEquals(0, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
    }
}
