package io.openmessaging.omsconnect.it;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real RocketMQ name server and broker in a child JVM: the rocketmq driver module's test server
 * ({@code testserver.EmbeddedRocketMqMain}) on that module's test classpath, which its build writes to
 * {@code target/test-classpath.txt}. So the host's tests run on RocketMQ with no RocketMQ class on their
 * own classpath. The child exits when its stdin closes: when {@link #stop()} closes it, or when this JVM ends.
 */
public final class ChildRocketMq implements AutoCloseable {
    /** The driver module's build output, relative to the host module (where its tests and benchmark run). */
    private static final Path MODULE_TARGET = Path.of(System.getProperty("omsconnect.rocketmqTarget",
            "../oms-drivers/rocketmq/target"));
    private static final String MAIN = "io.openmessaging.omsconnect.rocketmq.testserver.EmbeddedRocketMqMain";
    private static final long START_TIMEOUT_MS = 60_000;
    private static final long REPLY_TIMEOUT_MS = 30_000;
    private static final long STOP_TIMEOUT_MS = 30_000;
    private static final int RESTART_ATTEMPTS = 3;
    private static ChildRocketMq shared;

    private final Path storeDir;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final String nameServer;
    private final int[] ports;

    private ChildRocketMq(Path storeDir, int[] requestedPorts) throws IOException, InterruptedException {
        this.storeDir = storeDir;
        Files.createDirectories(storeDir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC",
                // the broker's own logs (and RocksDB's) go under user.home/logs
                "-Duser.home=" + storeDir.resolve("home"),
                "-cp", classpath(), MAIN, storeDir.resolve("store").toString()));
        for (int p : requestedPorts) {
            command.add(Integer.toString(p));
        }
        command.add("1"); // one queue per auto-created topic: its order is the total order
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Path log = storeDir.resolve("broker.log");
        Thread reader = new Thread(() -> pump(log), "child-rocketmq-output");
        reader.setDaemon(true);
        reader.start();
        String ready = reply("READY", START_TIMEOUT_MS);
        String[] words = ready.split(" ");
        nameServer = words[1];
        ports = new int[] {Integer.parseInt(words[2]), Integer.parseInt(words[3]), Integer.parseInt(words[4])};
    }

    /** Whether the driver module was built with its test classpath file: without it there is no server to start. */
    public static boolean available() {
        return Files.isRegularFile(MODULE_TARGET.resolve("test-classpath.txt"))
                && Files.isDirectory(MODULE_TARGET.resolve("test-classes"));
    }

    /** The one server of this JVM, started on first use, stopped when the JVM exits. */
    public static synchronized ChildRocketMq shared() {
        if (shared == null) {
            try {
                // under the module's target (the working directory of its tests and benchmark): mvn clean removes it
                Path target = Files.createDirectories(Path.of("target"));
                Path dir = Files.createTempDirectory(target, "rocketmq-child-");
                shared = start(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    shared.stop();
                    deleteTree(dir);
                }, "child-rocketmq-cleanup"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** A new server on free ports keeping its store in {@code storeDir}. */
    public static ChildRocketMq start(Path storeDir) {
        return start(storeDir, new int[] {0, 0, 0});
    }

    private static ChildRocketMq start(Path storeDir, int[] ports) {
        try {
            ChildRocketMq mq = new ChildRocketMq(storeDir, ports);
            Runtime.getRuntime().addShutdownHook(new Thread(mq.process::destroy, "child-rocketmq-stop"));
            return mq;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the RocketMQ child JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting the RocketMQ child JVM", e);
        }
    }

    /**
     * A new server on this one's ports and store, e.g. after {@link #stop()}: clients find it where it was.
     * A few tries: a port the old server held may not be free again at once.
     */
    public ChildRocketMq restart() {
        for (int attempt = 1; ; attempt++) {
            try {
                return start(storeDir, ports);
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
    public synchronized void createTopic(String topic, int queues, String... groups) {
        try {
            commands.write("topic " + topic + " " + queues + (groups.length == 0 ? "" : " " + String.join(" ", groups)) + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the RocketMQ child JVM is gone", e);
        }
        String reply = reply("", REPLY_TIMEOUT_MS);
        if (!reply.equals("OK " + topic)) {
            throw new IllegalStateException("creating topic " + topic + ": " + reply);
        }
    }

    /** Shuts the broker and name server down (the store stays) and waits for the child to exit. */
    public void stop() {
        try {
            commands.close();
        } catch (IOException e) {
            // already gone: fine, waited for below
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit: it lies under target/
        }
    }

    private static String classpath() throws IOException {
        return Files.readString(MODULE_TARGET.resolve("test-classpath.txt")).trim() + java.io.File.pathSeparator
                + MODULE_TARGET.resolve("test-classes").toAbsolutePath();
    }

    /** Copies the child's output to its log, and hands protocol lines to {@link #reply}. */
    private void pump(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, java.nio.file.StandardOpenOption.CREATE,
                     java.nio.file.StandardOpenOption.APPEND)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("READY ") || line.startsWith("OK ") || line.startsWith("ERROR ")) {
                    replies.add(line);
                }
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            // the child ended; a waiting reply() times out with the log's path
        }
    }

    private String reply(String prefix, long timeoutMs) {
        try {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (true) {
                String line = replies.poll(200, TimeUnit.MILLISECONDS);
                if (line == null && (!process.isAlive() || System.currentTimeMillis() > deadline)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the RocketMQ child JVM " + (process.isAlive() ? "did not answer in "
                            + timeoutMs + " ms" : "ended") + "; the end of its output (" + storeDir.resolve("broker.log")
                            + "):\n" + tail(storeDir.resolve("broker.log"), 40));
                }
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the RocketMQ child JVM", e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
