package io.openmessaging.omsconnect.bench;

import com.alibaba.fastjson2.JSON;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Connect worker in a child JVM that speaks Kafka Connect's REST API (a Kafka Connect standalone worker or an
 * omsconnect worker), seen from outside as a user sees it: connectors created and deleted over REST, and the
 * process's CPU time and peak resident memory read from the kernel ({@code /proc}), so that both kinds of worker
 * are measured the same way.
 */
final class WorkerProcess implements AutoCloseable {
    /**
     * The same heap for both kinds: omsconnect's {@code run_worker.sh} default ({@code connect-standalone.sh}
     * gives Kafka Connect -Xmx2G), so that neither side's RSS is a matter of a bigger heap allowed.
     */
    static final List<String> HEAP = List.of("-Xms256m", "-Xmx1g");

    private final String name;
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private WorkerProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** Starts {@code mainClass args} on this JVM's classpath with {@link #HEAP}, output to {@code log}. */
    static WorkerProcess start(String name, int port, Path log, List<String> jvmOptions, String mainClass, String... args)
            throws IOException {
        Process process = new ProcessBuilder(javaCommand(jvmOptions, mainClass, args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-kill"));
        return new WorkerProcess(name, process, port);
    }

    /** {@code java} with {@link #HEAP}, then {@code jvmOptions}, on this JVM's classpath, running {@code mainClass args}. */
    static List<String> javaCommand(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(HEAP);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String name() {
        return name;
    }

    /** Waits until {@code GET /connectors} answers 200 (Kafka Connect answers 503 until its herder started). */
    WorkerProcess awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready");
            }
            try {
                if (send("GET", "/connectors", null).statusCode() == 200) {
                    return this;
                }
            } catch (ConnectException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout);
    }

    /** {@code POST /connectors {name, config}}: Kafka Connect's route, which omsconnect answers the same way. */
    void createConnector(String connector, Map<String, String> config) throws Exception {
        HttpResponse<String> r = send("POST", "/connectors", JSON.toJSONString(Map.of("name", connector, "config", config)));
        if (r.statusCode() != 201) {
            throw new IllegalStateException(name + ": creating " + connector + " answered " + r.statusCode() + " " + r.body());
        }
    }

    void deleteConnector(String connector) throws Exception {
        HttpResponse<String> r = send("DELETE", "/connectors/" + connector, null);
        if (r.statusCode() != 204 && r.statusCode() != 200) {
            throw new IllegalStateException(name + ": deleting " + connector + " answered " + r.statusCode() + " " + r.body());
        }
    }

    /** CPU time (user and system, every thread) the process used so far. */
    long cpuNanos() {
        return process.info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("the OS does not tell the CPU time of " + name)).toNanos();
    }

    /** The process's peak resident set so far ({@code VmHWM}), in bytes. */
    long peakRssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops it as a user would (SIGTERM, its shutdown hooks run), killing it if it does not end within 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
