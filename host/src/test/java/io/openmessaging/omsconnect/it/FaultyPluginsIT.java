package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Misbehaving plugins never take the worker down: a healthy pipeline keeps moving beside them, their
 * status shows FAILED with the trace, and restarts work.
 */
class FaultyPluginsIT {
    @TempDir
    Path dir;

    private static JSONObject status(TestWorker w, String connector) throws Exception {
        return JSON.parseObject(w.get("/connectors/" + connector + "/status").body());
    }

    private static String taskState(TestWorker w, String connector) throws Exception {
        return status(w, connector).getJSONArray("tasks").getJSONObject(0).getString("state");
    }

    private static void create(TestWorker w, String name, Map<String, String> config) throws Exception {
        HttpResponse<String> r = w.send("POST", "/connectors", FilePipelineIT.connector(name, config));
        assertEquals(201, r.statusCode(), r.body());
    }

    @Test
    void misbehavingConnectorsFailAloneAndTheWorkerStaysHealthy() throws Exception {
        try (TestWorker w = TestWorker.create(dir, "file-connector", "oms-driver-local")) {
            FaultyPlugins.write(w.pluginsDir());
            w.set("taskShutdownTimeoutMs", "1000").start();
            Path in = dir.resolve("in.txt");
            Path out = dir.resolve("out.txt");
            FilePipelineIT.append(in, FilePipelineIT.numbered(0, 100));
            FilePipelineIT.createPipeline(w, in, out, "healthy");

            create(w, "throws-in-start", Map.of("connector-class", FaultyPlugins.THROWING_START));
            create(w, "throws-in-poll", Map.of("connector-class", FaultyPlugins.FAILING_POLL, "connect-topicname", "x",
                    "task-restart-enable", "false"));
            create(w, "throws-in-put", Map.of("connector-class", FaultyPlugins.FAILING_PUT, "connect-topicnames", "healthy",
                    "task-restart-enable", "false"));
            create(w, "hangs-in-stop", Map.of("connector-class", FaultyPlugins.HANGING_STOP, "connect-topicname", "x"));
            create(w, "leaks-threads", Map.of("connector-class", FaultyPlugins.LEAKING_THREADS, "connect-topicname", "x"));

            JSONObject start = status(w, "throws-in-start");
            assertEquals("FAILED", start.getJSONObject("connector").getString("state"));
            assertTrue(start.getJSONObject("connector").getString("trace").contains("boom in start"));

            TestWorker.await("poll failure", Duration.ofSeconds(20), () -> "FAILED".equals(taskState(w, "throws-in-poll")));
            assertTrue(status(w, "throws-in-poll").getJSONArray("tasks").getJSONObject(0).getString("trace").contains("boom in poll"));
            TestWorker.await("put failure", Duration.ofSeconds(20), () -> "FAILED".equals(taskState(w, "throws-in-put")));
            assertTrue(status(w, "throws-in-put").getJSONArray("tasks").getJSONObject(0).getString("trace").contains("boom in put"));

            // a task hanging in stop() is abandoned after taskShutdownTimeoutMs: the delete returns
            long t0 = System.nanoTime();
            assertEquals(204, w.delete("/connectors/hangs-in-stop").statusCode());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 20_000, "deleting a hanging connector must not hang");
            assertEquals(204, w.delete("/connectors/leaks-threads").statusCode());

            // the healthy pipeline went on all along
            FilePipelineIT.append(in, FilePipelineIT.numbered(100, 300));
            TestWorker.await("healthy pipeline", Duration.ofSeconds(30), () -> TestWorker.lines(out).size() >= 300);
            assertEquals(FilePipelineIT.numbered(0, 300), TestWorker.lines(out));
            assertEquals(200, w.get("/health").statusCode());
            assertEquals("RUNNING", taskState(w, "file-source"));
        }
    }

    @Test
    void aFailedTaskRunsAgainAfterARestart() throws Exception {
        try (TestWorker w = TestWorker.create(dir, "oms-driver-local")) {
            FaultyPlugins.write(w.pluginsDir());
            w.start();
            create(w, "flaky", Map.of("connector-class", FaultyPlugins.FAILING_POLL, "connect-topicname", "x",
                    "fail-times", "1", "task-restart-enable", "false"));
            TestWorker.await("the first poll to fail", Duration.ofSeconds(20), () -> "FAILED".equals(taskState(w, "flaky")));
            assertEquals(204, w.send("POST", "/connectors/flaky/tasks/0/restart", "").statusCode());
            TestWorker.await("the task to run again", Duration.ofSeconds(20), () -> "RUNNING".equals(taskState(w, "flaky")));
        }
    }

    @Test
    void failedTasksAreRestartedWithBackoffByThemselves() throws Exception {
        try (TestWorker w = TestWorker.create(dir, "oms-driver-local")) {
            FaultyPlugins.write(w.pluginsDir());
            w.start();
            create(w, "flaky", Map.of("connector-class", FaultyPlugins.FAILING_POLL, "connect-topicname", "x",
                    "fail-times", "2", "task-restart-backoff-ms", "100"));
            // fails twice, restarted after 100 then 200 ms, then runs: RUNNING for a whole second proves it
            long[] runningSince = {0};
            TestWorker.await("the task to recover by itself", Duration.ofSeconds(20), () -> {
                if (!"RUNNING".equals(taskState(w, "flaky"))) {
                    runningSince[0] = 0;
                    return false;
                }
                if (runningSince[0] == 0) {
                    runningSince[0] = System.nanoTime();
                }
                return System.nanoTime() - runningSince[0] > 1_000_000_000L;
            });
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterQueueAndThePipelineGoesOn() throws Exception {
        try (TestWorker w = TestWorker.create(dir, "file-connector", "oms-driver-local")) {
            FaultyPlugins.write(w.pluginsDir());
            w.start();
            Path in = dir.resolve("in.txt");
            Path out = dir.resolve("out.txt");
            Path dead = dir.resolve("dead.txt");
            List<String> lines = new java.util.ArrayList<>(FilePipelineIT.numbered(0, 50));
            lines.set(20, "poison 20");
            lines.set(40, "poison 40");
            FilePipelineIT.append(in, lines);
            Map<String, String> source = new HashMap<>(Map.of("connector-class", FilePipelineIT.SOURCE,
                    "file", in.toString(), "connect-topicname", "main", "transforms", "p",
                    "transforms.p.class", FaultyPlugins.POISON_TRANSFORM, "errors.tolerance", "all",
                    "errors.deadletterqueue.topic.name", "dlq", "errors.log.enable", "true"));
            create(w, "source", source);
            create(w, "sink", Map.of("connector-class", FilePipelineIT.SINK, "file", out.toString(), "connect-topicnames", "main"));
            create(w, "dlq-sink", Map.of("connector-class", FilePipelineIT.SINK, "file", dead.toString(),
                    "connect-topicnames", "dlq", "source-record-converter", "string"));
            List<String> expected = lines.stream().filter(l -> !l.startsWith("poison")).toList();
            TestWorker.await("the good lines", Duration.ofSeconds(30), () -> TestWorker.lines(out).size() >= expected.size());
            TestWorker.await("the poison lines in the DLQ", Duration.ofSeconds(30), () -> TestWorker.lines(dead).size() >= 2);
            assertEquals(expected, TestWorker.lines(out));
            assertEquals(List.of("poison 20", "poison 40"), TestWorker.lines(dead));
            assertTrue(w.get("/metrics").body().contains("omsconnect_task_dlq_records_total{connector=\"source\",task=\"0\"} 2"));
        }
    }

    @Test
    void withToleranceNoneThePoisonFailsTheTaskAndNothingAfterItIsLost() throws Exception {
        try (TestWorker w = TestWorker.create(dir, "file-connector", "oms-driver-local")) {
            FaultyPlugins.write(w.pluginsDir());
            w.start();
            Path in = dir.resolve("in.txt");
            Path out = dir.resolve("out.txt");
            List<String> lines = new java.util.ArrayList<>(FilePipelineIT.numbered(0, 50));
            lines.set(25, "poison 25");
            FilePipelineIT.append(in, lines);
            Map<String, String> source = new HashMap<>(Map.of("connector-class", FilePipelineIT.SOURCE,
                    "file", in.toString(), "connect-topicname", "main", "transforms", "p",
                    "transforms.p.class", FaultyPlugins.POISON_TRANSFORM, "task-restart-enable", "false"));
            create(w, "source", source);
            create(w, "sink", Map.of("connector-class", FilePipelineIT.SINK, "file", out.toString(), "connect-topicnames", "main"));
            TestWorker.await("the source to fail on the poison", Duration.ofSeconds(20), () -> "FAILED".equals(taskState(w, "source")));
            assertTrue(status(w, "source").getJSONArray("tasks").getJSONObject(0).getString("trace").contains("poisoned record"));

            // the operator removes the transform: the source resumes at its last committed position
            source.remove("transforms");
            source.remove("transforms.p.class");
            assertEquals(200, w.send("PUT", "/connectors/source/config", source).statusCode());
            TestWorker.await("every line", Duration.ofSeconds(30), () -> new java.util.HashSet<>(TestWorker.lines(out)).containsAll(lines));
            List<String> output = TestWorker.lines(out);
            assertEquals(lines.subList(25, 50), output.subList(output.size() - 25, output.size()),
                    "the poison and everything after it arrive, in order");
        }
    }
}
