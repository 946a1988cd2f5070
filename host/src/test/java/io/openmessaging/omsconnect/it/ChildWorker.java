package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    /** Starts {@code WorkerMain conf}, output to {@code log}; logs under the conf's folder. */
    static Process start(Path conf, Path log) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-Domsconnect.logDir=" + conf.getParent().resolve("logs"),
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
