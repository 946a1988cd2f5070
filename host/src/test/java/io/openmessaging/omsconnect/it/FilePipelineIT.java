package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README walk-through, driven over REST against a real worker: file source → local driver → file sink. */
class FilePipelineIT {
    static final String SOURCE = "io.openmessaging.omsconnect.file.FileSourceConnector";
    static final String SINK = "io.openmessaging.omsconnect.file.FileSinkConnector";

    @TempDir
    Path dir;

    static Map<String, Object> connector(String name, Map<String, String> config) {
        return Map.of("name", name, "config", config);
    }

    static void createPipeline(TestWorker w, Path in, Path out, String topic) throws Exception {
        HttpResponse<String> src = w.send("POST", "/connectors", connector("file-source", Map.of(
                "connector-class", SOURCE, "file", in.toString(), "connect-topicname", topic)));
        assertEquals(201, src.statusCode(), src.body());
        HttpResponse<String> sink = w.send("POST", "/connectors", connector("file-sink", Map.of(
                "connector.class", SINK, "file", out.toString(), "connect.topicnames", topic)));
        assertEquals(201, sink.statusCode(), sink.body());
    }

    static List<String> numbered(int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add(String.format("line-%08d %s", i, "x".repeat(40)));
        }
        return lines;
    }

    static void append(Path file, List<String> lines) throws Exception {
        Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void appendedLinesArriveInTheOutputFileInOrder() throws Exception {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        append(in, numbered(0, 1000));
        try (TestWorker w = TestWorker.create(dir, "file-connector", "oms-driver-local").start()) {
            createPipeline(w, in, out, "lines");
            TestWorker.await("first 1000 lines", Duration.ofSeconds(30), () -> TestWorker.lines(out).size() >= 1000);
            append(in, numbered(1000, 3000));
            TestWorker.await("3000 lines", Duration.ofSeconds(30), () -> TestWorker.lines(out).size() >= 3000);
            assertEquals(numbered(0, 3000), TestWorker.lines(out));

            JSONObject status = JSON.parseObject(w.get("/connectors/file-source/status").body());
            assertEquals("RUNNING", status.getJSONObject("connector").getString("state"));
            assertEquals("RUNNING", status.getJSONArray("tasks").getJSONObject(0).getString("state"));
            assertEquals("source", status.getString("type"));
            JSONArray plugins = JSON.parseArray(w.get("/connector-plugins").body());
            assertTrue(plugins.stream().anyMatch(p -> SOURCE.equals(((JSONObject) p).getString("class"))), plugins.toString());
        }
    }

    @Test
    void aLineAppendedToAnIdlePipelineIsWrittenWithoutWaitingForTheFlushInterval() throws Exception {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        append(in, numbered(0, 10));
        // a flush interval far beyond the waits below: only the sink's commit when idle writes the file out
        try (TestWorker w = TestWorker.create(dir, "file-connector", "oms-driver-local")
                .set("offsetFlushIntervalMs", "600000").start()) {
            createPipeline(w, in, out, "trickle");
            TestWorker.await("the first 10 lines", Duration.ofSeconds(20), () -> TestWorker.lines(out).size() >= 10);
            for (int i = 10; i < 13; i++) {
                append(in, numbered(i, i + 1));
                int expected = i + 1;
                TestWorker.await("line " + i + " of a trickle", Duration.ofSeconds(5), () -> TestWorker.lines(out).size() >= expected);
            }
            assertEquals(numbered(0, 13), TestWorker.lines(out));
        }
    }

    @Test
    void sinksWithAndWithoutAFetchThreadDeliverTheSameLinesInOrder() throws Exception {
        Path in = dir.resolve("in.txt");
        Path prefetched = dir.resolve("prefetched.txt");
        Path direct = dir.resolve("direct.txt");
        append(in, numbered(0, 5000));
        try (TestWorker w = TestWorker.create(dir, "file-connector", "oms-driver-local").start()) {
            assertEquals(201, w.send("POST", "/connectors", connector("sink-prefetched", Map.of(
                    "connector-class", SINK, "file", prefetched.toString(), "connect-topicnames", "lines",
                    "sink-batch-size", "700"))).statusCode());
            assertEquals(201, w.send("POST", "/connectors", connector("sink-direct", Map.of(
                    "connector-class", SINK, "file", direct.toString(), "connect-topicnames", "lines",
                    "sink-batch-size", "700", "sink-prefetch", "false"))).statusCode());
            assertEquals(201, w.send("POST", "/connectors", connector("file-source", Map.of(
                    "connector-class", SOURCE, "file", in.toString(), "connect-topicname", "lines"))).statusCode());
            TestWorker.await("5000 lines in both", Duration.ofSeconds(30),
                    () -> TestWorker.lines(prefetched).size() >= 5000 && TestWorker.lines(direct).size() >= 5000);
            append(in, numbered(5000, 6000));
            TestWorker.await("6000 lines in both", Duration.ofSeconds(30),
                    () -> TestWorker.lines(prefetched).size() >= 6000 && TestWorker.lines(direct).size() >= 6000);
            assertEquals(numbered(0, 6000), TestWorker.lines(prefetched));
            assertEquals(numbered(0, 6000), TestWorker.lines(direct));
        }
    }

    @Test
    void aRestartedWorkerResumesFromTheCommittedPositions() throws Exception {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        append(in, numbered(0, 2000));
        try (TestWorker w = TestWorker.create(dir, "file-connector", "oms-driver-local").start()) {
            createPipeline(w, in, out, "lines");
            TestWorker.await("2000 lines", Duration.ofSeconds(30), () -> TestWorker.lines(out).size() >= 2000);
        }
        append(in, numbered(2000, 5000)); // written while the worker is down
        try (TestWorker w = TestWorker.create(dir.resolve("again"), "file-connector", "oms-driver-local")) {
            // same store and plugins as the first worker
            w.set("storePathRootDir", dir.resolve("store").toString()).set("pluginsDir", dir.resolve("plugins").toString()).start();
            TestWorker.await("5000 lines", Duration.ofSeconds(30), () -> TestWorker.lines(out).size() >= 5000);
            Thread.sleep(500); // nothing more may come: a graceful stop committed everything
            assertEquals(numbered(0, 5000), TestWorker.lines(out));
            assertEquals(List.of("file-sink", "file-source"), JSON.parseArray(w.get("/connectors").body(), String.class));
        }
    }

    @Test
    void pausedConnectorsKeepTheirPositionAndResume() throws Exception {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        append(in, numbered(0, 100));
        try (TestWorker w = TestWorker.create(dir, "file-connector", "oms-driver-local").start()) {
            createPipeline(w, in, out, "lines");
            TestWorker.await("100 lines", Duration.ofSeconds(30), () -> TestWorker.lines(out).size() >= 100);
            assertEquals(202, w.send("PUT", "/connectors/file-source/pause", "").statusCode());
            TestWorker.await("source task paused", Duration.ofSeconds(10), () -> "PAUSED".equals(JSON.parseObject(
                    w.get("/connectors/file-source/status").body()).getJSONArray("tasks").getJSONObject(0).getString("state")));
            append(in, numbered(100, 200));
            Thread.sleep(600);
            assertEquals(100, TestWorker.lines(out).size(), "a paused source sends nothing");
            assertEquals(202, w.send("PUT", "/connectors/file-source/resume", "").statusCode());
            TestWorker.await("200 lines", Duration.ofSeconds(30), () -> TestWorker.lines(out).size() >= 200);
            assertEquals(numbered(0, 200), TestWorker.lines(out));
        }
    }
}
