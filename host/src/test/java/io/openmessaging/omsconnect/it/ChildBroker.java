package io.openmessaging.omsconnect.it;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A driver module's test broker in a child JVM, run on that module's test classpath (its build writes
 * {@code target/test-classpath.txt}; {@code target/test-classes} is added), so that the host's tests run on a real
 * broker with none of its classes on their own classpath. The child speaks a line protocol: once up it prints
 * {@code READY <words>} on stdout (or {@code ERROR <reason>}); each stdin line is a command it answers with one
 * line, {@code OK …} or {@code ERROR …}, among them {@code topic <name> <queues> [<more> …]}, answered
 * {@code OK <name>}; it exits when its stdin closes: when {@link #stop()} closes it, or when this JVM ends.
 * Everything else it prints goes to {@code broker.log} in its folder.
 */
final class ChildBroker implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 60_000;
    private static final long REPLY_TIMEOUT_MS = 30_000;
    private static final long STOP_TIMEOUT_MS = 30_000;
    /** The one broker of each kind in this JVM, by the class that wraps it. */
    private static final Map<Class<?>, AutoCloseable> SHARED = new HashMap<>();

    /**
     * Which broker: its name in messages, the driver module's build output (relative to the host module, where its
     * tests and benchmark run) and the main class of its test broker.
     */
    record Kind(String name, Path moduleTarget, String mainClass) {
        /** Whether the module was built with its test classpath file: without it there is no broker to start. */
        boolean built() {
            return Files.isRegularFile(moduleTarget.resolve("test-classpath.txt"))
                    && Files.isDirectory(moduleTarget.resolve("test-classes"));
        }

        private String classpath() throws IOException {
            return Files.readString(moduleTarget.resolve("test-classpath.txt")).trim() + File.pathSeparator
                    + moduleTarget.resolve("test-classes").toAbsolutePath();
        }
    }

    private final Kind kind;
    private final Path dir;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final List<String> ready;

    private ChildBroker(Kind kind, Path dir, List<String> jvmOptions, List<String> args) throws IOException {
        this.kind = kind;
        this.dir = dir;
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", kind.classpath(), kind.mainClass()));
        command.addAll(args);
        long started = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(this::pump, "child-" + kind.name().toLowerCase(Locale.ROOT) + "-output");
        reader.setDaemon(true);
        reader.start();
        String line = reply(START_TIMEOUT_MS);
        if (!line.startsWith("READY ")) {
            process.destroyForcibly();
            throw failure("did not start: " + line);
        }
        ready = List.of(line.substring("READY ".length()).split(" "));
        System.out.printf("%s child JVM ready in %d ms: %s%n", kind.name(), (System.nanoTime() - started) / 1_000_000, line);
    }

    /**
     * Starts the broker in {@code dir} (made if absent; its output goes to {@code dir/broker.log}) with these JVM
     * options and arguments, and returns once it said {@code READY}; the child is killed when this JVM exits.
     */
    static ChildBroker start(Kind kind, Path dir, List<String> jvmOptions, List<String> args) {
        try {
            ChildBroker broker = new ChildBroker(kind, dir, jvmOptions, args);
            Runtime.getRuntime().addShutdownHook(new Thread(broker.process::destroy, "child-" + kind.name() + "-stop"));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the " + kind.name() + " child JVM", e);
        }
    }

    /**
     * The one broker of type {@code T} in this JVM, started by {@code start} on first use in a new folder under
     * {@code target/} (mvn clean removes what a killed run left), stopped and its folder deleted when the JVM exits.
     */
    static synchronized <T extends AutoCloseable> T shared(Class<T> type, Function<Path, T> start) {
        AutoCloseable running = SHARED.get(type);
        if (running != null) {
            return type.cast(running);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")),
                    type.getSimpleName().toLowerCase(Locale.ROOT) + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        T broker = start.apply(dir);
        SHARED.put(type, broker);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                // stopping at JVM exit: the child ends with its stdin anyway
            }
            deleteTree(dir);
        }, type.getSimpleName() + "-cleanup"));
        return broker;
    }

    /** The words of the child's {@code READY} line after {@code READY}: where it listens. */
    List<String> ready() {
        return ready;
    }

    /** The folder the broker was started in. */
    Path dir() {
        return dir;
    }

    /** Creates {@code topic} with {@code queues} queues ({@code topic <name> <queues> [<more> …]}), once it answered. */
    synchronized void createTopic(String topic, int queues, String... more) {
        String command = "topic " + topic + " " + queues + (more.length == 0 ? "" : " " + String.join(" ", more));
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the " + kind.name() + " child JVM is gone", e);
        }
        String reply = reply(REPLY_TIMEOUT_MS);
        if (!reply.equals("OK " + topic)) {
            throw new IllegalStateException(kind.name() + " child JVM, '" + command + "': " + reply);
        }
    }

    /** Closes the child's stdin, so that it stops its broker, and waits for it to exit. */
    void stop() {
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

    /** Copies the child's output to its log, and hands protocol lines to {@link #reply}. */
    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log(), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
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

    private String reply(long timeoutMs) {
        try {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (true) {
                String line = replies.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    return line;
                }
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    boolean alive = process.isAlive();
                    process.destroyForcibly();
                    throw failure(alive ? "did not answer in " + timeoutMs + " ms" : "ended");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the " + kind.name() + " child JVM", e);
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("the " + kind.name() + " child JVM " + what + "; the end of its output ("
                + log() + "):\n" + tail(log(), 40));
    }

    private Path log() {
        return dir.resolve("broker.log");
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit: it lies under target/
        }
    }
}
