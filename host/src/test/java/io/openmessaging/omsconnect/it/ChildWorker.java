package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A worker in a child JVM (this test classpath, {@code WorkerMain conf}), for tests that kill it with
 * {@code kill -9} ({@link Process#destroyForcibly()}) and start it again on the same stores.
 */
final class ChildWorker {
    private ChildWorker() {
    }

    /** A worker's config file under {@code dir} and the free REST port it names. */
    record Config(Path file, int port) {
    }

    /**
     * Writes {@code dir/connect.conf} for worker {@code workerId}: store under {@code dir/store}, a plugins folder
     * {@code dir/plugins} holding copies of the built plugins named by these prefixes, a free REST port.
     */
    static Config configure(Path dir, String workerId, int offsetFlushIntervalMs, String... pluginPrefixes) throws IOException {
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        for (String prefix : pluginPrefixes) {
            Path src = TestWorker.builtPlugin(prefix);
            Files.copy(src, plugins.resolve(src.getFileName()));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("connect.conf");
        Files.writeString(conf, String.join("\n", "workerId=" + workerId, "httpPort=" + port,
                "storePathRootDir=" + dir.resolve("store"), "pluginsDir=" + plugins,
                "offsetFlushIntervalMs=" + offsetFlushIntervalMs));
        return new Config(conf, port);
    }

    /**
     * Starts {@code WorkerMain conf}, output to {@code log}; logs under the conf's folder. C1 only and the
     * serial collector: tests start workers many times and check what they do, not how fast (as
     * {@link ChildCluster} does).
     */
    static Process start(Path conf, Path log) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Domsconnect.logDir=" + conf.getParent().resolve("logs"),
                "-cp", cp, "io.openmessaging.omsconnect.WorkerMain", conf.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    /** Waits until the worker's REST answers on {@code port}. */
    static void awaitUp(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        TestWorker.await("worker REST on " + port, Duration.ofSeconds(60), () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    /** POST /connectors with {@code body}; asserts 201. */
    static void createConnector(int port, Object body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.toJSONString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
    }
}
