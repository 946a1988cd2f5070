package io.openmessaging.kafka.testbroker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link EmbeddedKafka} as a child process, so that other modules' tests (the host's) run on a real Kafka
 * without Kafka's server on their classpath. They start it with this module's test classpath
 * ({@code target/test-classpath.txt} plus {@code target/test-classes}).
 *
 * <p>Argument, optional: the folder for the broker's log (default: a new temporary one); it is deleted at exit.
 *
 * <p>Protocol: once the broker answers clients it prints one line {@code READY <bootstrap host:port>} on stdout
 * (or {@code ERROR <reason>} and exits 1). Each stdin line {@code topic <name> <partitions>} creates a topic and
 * answers {@code OK <name>} (or {@code ERROR <reason>}). When stdin closes (the parent ended or let go), it stops
 * the broker and exits.
 */
public final class EmbeddedKafkaMain {
    /** The first word of the line that says the broker is up. */
    public static final String READY = "READY";

    private EmbeddedKafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("omsconnect-kafka-");
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(dir);
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
            System.out.println("ERROR start failed: " + e);
            System.out.flush();
            System.exit(1); // the broker's non-daemon threads would keep this JVM alive
            return;
        }
        System.out.println(READY + " " + kafka.bootstrapServers());
        System.out.flush();
        try (kafka; Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println(answer(admin, line.trim().split("\\s+")));
                System.out.flush();
            }
        }
        System.exit(0);
    }

    private static String answer(Admin admin, String[] words) {
        if (words.length != 3 || !"topic".equals(words[0])) {
            return "ERROR unknown command: " + String.join(" ", words);
        }
        try {
            NewTopic topic = new NewTopic(words[1], Optional.of(Integer.parseInt(words[2])), Optional.empty());
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            return "OK " + words[1];
        } catch (Exception e) {
            return "ERROR creating topic " + words[1] + ": " + e;
        }
    }
}
