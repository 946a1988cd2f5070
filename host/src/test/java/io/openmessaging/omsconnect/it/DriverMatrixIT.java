package io.openmessaging.omsconnect.it;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The point of OpenMessaging Connect: the same connector pair, configs identical but for
 * {@code oms-driver-url}, moves the same lines over every driver, and the output files are identical.
 */
class DriverMatrixIT {
    private static final int LINES = 100_000;
    /**
     * RocketMQ's client may reorder asynchronous sends, so its source sends one line at a time (about 2,600 a
     * second here): 25k lines take its pipeline through the same batches, commits and fetches in a quarter of the time.
     */
    private static final int ROCKETMQ_LINES = 25_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Drivers.class)
    void theSameConnectorsMoveTheSameLinesOnEveryDriver(Drivers driver) throws Exception {
        driver.assumeAvailable();
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        int count = driver == Drivers.ROCKETMQ ? ROCKETMQ_LINES : LINES;
        List<String> lines = FilePipelineIT.numbered(0, count);
        FilePipelineIT.append(in, lines);
        String topic = driver.prepareTopic("matrix" + Long.toHexString(System.nanoTime()), "sink");
        String url = driver.url(dir);
        try (TestWorker w = TestWorker.create(dir, "file-connector", driver.plugin).start()) {
            startPipeline(w, driver, in, out, topic, url);
            long expectedBytes = Files.size(in);
            TestWorker.await(count + " lines over " + driver, Duration.ofMinutes(4),
                    () -> Files.exists(out) && Files.size(out) >= expectedBytes);
        }
        assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(out), "output identical to input over " + driver);
    }

    /** Connectors "sink" (out) and "source" (in) on one topic of the driver, the sink first and running. */
    static void startPipeline(TestWorker w, Drivers driver, Path in, Path out, String topic, String url) throws Exception {
        // the sink first: on brokers where a consumer group exists only once it attached (RabbitMQ)
        HttpResponse<String> sink = w.send("POST", "/connectors", FilePipelineIT.connector("sink", Map.of(
                "connector-class", FilePipelineIT.SINK, "file", out.toString(), "connect-topicnames", topic,
                "oms-driver-url", url)));
        assertEquals(201, sink.statusCode(), sink.body());
        TestWorker.await("the sink task to run", Duration.ofSeconds(30),
                () -> TestWorker.tasksRunning(w.get("/connectors/sink/status").body()));
        Map<String, String> sourceConfig = new java.util.HashMap<>(Map.of(
                "connector-class", FilePipelineIT.SOURCE, "file", in.toString(), "connect-topicname", topic,
                "oms-driver-url", url));
        if (driver == Drivers.ROCKETMQ) {
            // its client may reorder async sends (a sender thread pool): one send at a time keeps the order
            sourceConfig.put("source-send-async", "false");
        }
        HttpResponse<String> source = w.send("POST", "/connectors", FilePipelineIT.connector("source", sourceConfig));
        assertEquals(201, source.statusCode(), source.body());
    }

    @org.junit.jupiter.api.Test
    void driversAreListedWithTheirPluginAndADriverInUseIsNotUninstalled() throws Exception {
        String[] plugins = Drivers.all().stream().map(d -> d.plugin).toArray(String[]::new);
        try (TestWorker w = TestWorker.create(dir, plugins).start()) {
            com.alibaba.fastjson2.JSONArray drivers = com.alibaba.fastjson2.JSON.parseArray(w.get("/drivers").body());
            for (Drivers d : Drivers.all()) {
                String name = d.name().toLowerCase(java.util.Locale.ROOT);
                assertEquals(true, drivers.stream().map(o -> (com.alibaba.fastjson2.JSONObject) o).anyMatch(o ->
                        name.equals(o.getString("name")) && d.plugin.equals(o.getString("plugin"))), drivers.toString());
            }
            // what each declares it can do beyond OMS 0.3.1 (META-INF/omsconnect-driver.properties)
            Map<String, List<String>> features = new java.util.HashMap<>();
            drivers.forEach(o -> features.put(((com.alibaba.fastjson2.JSONObject) o).getString("name"),
                    ((com.alibaba.fastjson2.JSONObject) o).getJSONArray("features").toJavaList(String.class)));
            assertEquals(Map.of("local", List.of("seek", "queue-offset", "sent-position"),
                    "rabbitmq", List.of("seek", "queue-offset"), "rocketmq", List.of(),
                    "kafka", List.of("seek", "queue-offset", "sent-position")), features);
            // a source on the local driver holds it: its plugin cannot go
            HttpResponse<String> created = w.send("POST", "/connectors", FilePipelineIT.connector("src", Map.of(
                    "connector-class", "io.openmessaging.omsconnect.file.FileSourceConnector",
                    "file", dir.resolve("none.txt").toString(), "connect-topicname", "t",
                    "oms-driver-url", Drivers.LOCAL.url(dir))));
            assertEquals(400, created.statusCode(), "no file connector plugin in this worker: " + created.body());
        }
        try (TestWorker w = TestWorker.create(dir.resolve("second"), "file-connector", Drivers.LOCAL.plugin).start()) {
            HttpResponse<String> created = w.send("POST", "/connectors", FilePipelineIT.connector("src", Map.of(
                    "connector-class", FilePipelineIT.SOURCE, "file", dir.resolve("none.txt").toString(),
                    "connect-topicname", "t", "oms-driver-url", Drivers.LOCAL.url(dir.resolve("second")))));
            assertEquals(201, created.statusCode(), created.body());
            TestWorker.await("the source task to hold the driver", Duration.ofSeconds(30),
                    () -> TestWorker.tasksRunning(w.get("/connectors/src/status").body()));
            HttpResponse<String> refused = w.delete("/plugins/" + Drivers.LOCAL.plugin);
            assertEquals(409, refused.statusCode(), refused.body());
        }
    }
}
