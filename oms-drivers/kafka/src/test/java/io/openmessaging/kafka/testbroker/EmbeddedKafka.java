package io.openmessaging.kafka.testbroker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Kafka (KRaft: one process is broker and controller) running in this JVM on 127.0.0.1, on
 * free ports, with its log in a temporary folder, for tests. {@link #start} formats the folder as
 * {@code kafka-storage format} would, starts the server and returns once it answers a client; {@link #close}
 * stops it and deletes the folder.
 *
 * <p>Set for a test machine: one partition for the group offsets topic (50 by default, made on the first group's
 * first commit), no initial rebalance delay (3 s by default: each new group would wait that long), messages up
 * to 4 MiB (1 MiB by default) so that a URL's {@code max.request.size} decides.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final long READY_TIMEOUT_MS = 60_000;

    private final Path dir;
    private final int port;
    private final KafkaRaftServer server;

    private EmbeddedKafka(Path dir, int port, KafkaRaftServer server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /** Starts a broker keeping its log in {@code dir} (made if absent, deleted by {@link #close()}). */
    public static EmbeddedKafka start(Path dir) throws Exception {
        // the broker calls Exit on fatal errors: in a test JVM, that must fail the test, not end the JVM
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("the embedded Kafka asked to exit with " + code + ": " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("the embedded Kafka asked to halt with " + code + ": " + message);
        });
        Files.createDirectories(dir);
        int port = freePort();
        int controllerPort = freePort();
        Map<String, Object> config = config(dir.resolve("log"), port, controllerPort);
        format(config, dir.resolve("log"));
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        EmbeddedKafka kafka = new EmbeddedKafka(dir, port, server);
        try {
            server.startup();
            kafka.awaitReady();
            return kafka;
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:<port>}: what a client's bootstrap.servers is. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            deleteTree(dir);
        }
    }

    private static Map<String, Object> config(Path log, int port, int controllerPort) {
        Map<String, Object> config = new HashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        config.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", log.toString());
        config.put("num.partitions", "1");
        config.put("offsets.topic.num.partitions", "1");
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.num.partitions", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("message.max.bytes", Integer.toString(4 * 1024 * 1024));
        // small segments and indexes: every test topic has its own files, and most hold a few messages
        config.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        config.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        return config;
    }

    /** What {@code kafka-storage format -t <new id> -c <config>} does, without its System.exit. */
    private static void format(Map<String, Object> config, Path log) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(log.toString())
                    .addDirectory(log.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("formatting " + log + " failed: " + output.toString(StandardCharsets.UTF_8), e);
        }
    }

    /** Returns once a client sees the broker in the cluster. */
    private void awaitReady() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.describeCluster().nodes().get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
