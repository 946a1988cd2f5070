package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The failure contract (README, "Failure semantics"), cell by cell, on every driver: a source → queue → sink
 * pipeline of {@value #RECORDS} records in which one hook of one side fails in one way ({@link FaultPlugins}).
 * For every cell it checks what the worker shows while the fault lasts (the task's state and trace, the
 * metrics), and, once the fault is gone, the exact multiset of what reached the sink's output against the
 * input: nothing lost, whole records only, and no duplicate except in the cells where the contract allows
 * one (a task abandoned while it hung: what it took since its last commit may come again, at most once).
 * The cells of a driver run side by side on one worker, each on a topic and connectors of its own.
 */
class FaultMatrixIT {
    private static final int RECORDS = 300;
    /** Records the faulty side lets through before the fault fires: the fault hits a pipeline in motion. */
    private static final int AFTER = 100;
    private static final Pattern METRIC = Pattern.compile("^(omsconnect_task_\\w+)\\{connector=\"([^\"]+)\",task=\"0\"} (\\d+)$",
            Pattern.MULTILINE);

    /** What the faulty task shows while an armed fault keeps firing. */
    enum During {
        /** the task FAILED with the injected fault as its trace (and the worker keeps restarting it) */
        FAILED,
        /** the task RUNNING, retrying the same work: the retries counter climbs */
        RETRYING,
        /** the task RUNNING, the callback's throws counted and passed over */
        COUNTED,
        /** a one-off fault: only its effect on the output is checked */
        ONCE
    }

    /**
     * One cell: a hook of one side failing in one way. {@code restart}: the test restarts the faulty connector
     * once its side saw {@value #AFTER} records (how a stop hook is reached; how a hung task is abandoned).
     * {@code mayRepeat}: the contract allows a record to arrive twice.
     */
    record Cell(String side, String hook, String kind, During during, boolean restart, boolean mayRepeat) {
        String id() {
            return side + "-" + hook + "-" + kind + "-" + during.name().toLowerCase();
        }

        boolean once() {
            return during == During.ONCE;
        }
    }

    static List<Cell> cells() {
        return List.of(
                new Cell("source", "start", "throw", During.ONCE, false, false),
                new Cell("source", "start", "throw", During.FAILED, false, false),
                new Cell("source", "poll", "throw", During.ONCE, false, false),
                new Cell("source", "poll", "throw", During.FAILED, false, false),
                new Cell("source", "poll", "retriable", During.RETRYING, false, false),
                new Cell("source", "poll", "hang", During.ONCE, true, true),
                new Cell("source", "commit-record", "throw", During.COUNTED, false, false),
                new Cell("source", "commit", "throw", During.COUNTED, false, false),
                new Cell("source", "stop", "throw", During.ONCE, true, false),
                new Cell("source", "stop", "hang", During.ONCE, true, false),
                new Cell("sink", "start", "throw", During.ONCE, false, false),
                new Cell("sink", "start", "throw", During.FAILED, false, false),
                new Cell("sink", "put", "throw", During.ONCE, false, false),
                new Cell("sink", "put", "throw", During.FAILED, false, false),
                new Cell("sink", "put", "retriable", During.ONCE, false, false),
                new Cell("sink", "put", "retriable", During.RETRYING, false, false),
                new Cell("sink", "put", "hang", During.ONCE, true, true),
                new Cell("sink", "flush", "throw", During.ONCE, false, false),
                new Cell("sink", "flush", "throw", During.FAILED, false, false),
                new Cell("sink", "flush", "retriable", During.RETRYING, false, false),
                new Cell("sink", "stop", "throw", During.ONCE, true, false),
                new Cell("sink", "stop", "hang", During.ONCE, true, false));
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Drivers.class)
    void everyCellOfTheFailureContractHolds(Drivers driver) throws Exception {
        driver.assumeAvailable();
        List<Cell> cells = cells();
        try (TestWorker w = TestWorker.create(dir, driver.plugin)) {
            FaultPlugins.write(w.pluginsDir());
            // long enough for a stop's last commit under load (RocketMQ's one-at-a-time sends once took over 1 s in
            // CI: the run was abandoned mid-commit and its records came again), short enough for the hang cells
            w.set("taskShutdownTimeoutMs", "2500").start();
            ExecutorService runners = Executors.newFixedThreadPool(cells.size());
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (Cell cell : cells) {
                    runs.add(runners.submit(() -> {
                        run(w, driver, cell);
                        return null;
                    }));
                }
                List<String> failures = new ArrayList<>();
                for (int i = 0; i < cells.size(); i++) {
                    try {
                        runs.get(i).get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add(cells.get(i).id() + " on " + driver + ": " + e.getCause());
                    }
                }
                if (!failures.isEmpty()) {
                    fail(failures.size() + " of " + cells.size() + " cells failed:\n" + String.join("\n", failures));
                }
            } finally {
                runners.shutdownNow();
            }
        }
    }

    private void run(TestWorker w, Drivers driver, Cell cell) throws Exception {
        String id = cell.id();
        Path armed = dir.resolve(id + ".switch");
        Path fired = dir.resolve(id + ".switch.fired");
        Path out = dir.resolve(id + ".out");
        Files.writeString(armed, "armed");
        String source = "src-" + id;
        String sink = "snk-" + id;
        String topic = driver.prepareTopic("fm-" + id + "-" + Long.toHexString(System.nanoTime()), sink);
        Map<String, String> common = new HashMap<>(Map.of(
                "oms-driver-url", driver.url(dir), "fault.id", id, "fault.side", cell.side(), "fault.hook", cell.hook(),
                "fault.kind", cell.kind(), "fault.switch", armed.toString(),
                "fault.after", cell.hook().equals("start") ? "0" : String.valueOf(AFTER),
                "task-restart-backoff-ms", "200", "task-restart-backoff-max-ms", "1000"));
        if (cell.once() || cell.kind().equals("hang")) {
            common.put("fault.times", "1");
        }
        Map<String, String> sinkConfig = new HashMap<>(common);
        sinkConfig.putAll(Map.of("connector-class", FaultPlugins.SINK, "connect-topicnames", topic, "file", out.toString()));
        create(w, sink, sinkConfig);
        Map<String, String> sourceConfig = new HashMap<>(common);
        sourceConfig.putAll(Map.of("connector-class", FaultPlugins.SOURCE, "connect-topicname", topic,
                "prefix", id, "records", String.valueOf(RECORDS), "batch", "20"));
        if (driver == Drivers.ROCKETMQ) {
            sourceConfig.put("source-send-async", "false");
        }
        create(w, source, sourceConfig);
        String faulty = cell.side().equals("source") ? source : sink;

        if (cell.restart()) {
            if (cell.kind().equals("hang") && !cell.hook().equals("stop")) {
                TestWorker.await(id + ": the hang to begin", Duration.ofSeconds(60), () -> Files.exists(fired));
            } else {
                TestWorker.await(id + ": " + AFTER + " records through", Duration.ofSeconds(60),
                        () -> Files.exists(out) && TestWorker.lines(out).size() >= AFTER);
            }
            HttpResponse<String> restarted = w.send("POST", "/connectors/" + faulty + "/restart?includeTasks=true", "");
            assertTrue(restarted.statusCode() / 100 == 2, id + ": restart answered " + restarted.statusCode() + " " + restarted.body());
        }
        switch (cell.during()) {
            case FAILED -> TestWorker.await(id + ": the task FAILED with the injected fault", Duration.ofSeconds(60), () -> {
                JSONObject task = taskStatus(w, faulty);
                return "FAILED".equals(task.getString("state"))
                        && task.getString("trace") != null && task.getString("trace").contains("injected fault in " + cell.hook());
            });
            case RETRYING -> TestWorker.await(id + ": the task retrying while RUNNING", Duration.ofSeconds(60),
                    () -> metric(w, "omsconnect_task_retries_total", faulty) >= 3 && "RUNNING".equals(taskStatus(w, faulty).getString("state")));
            case COUNTED -> TestWorker.await(id + ": the callback's throws counted while RUNNING", Duration.ofSeconds(60),
                    () -> metric(w, "omsconnect_task_commit_errors_total", faulty) >= 1 && "RUNNING".equals(taskStatus(w, faulty).getString("state")));
            case ONCE -> TestWorker.await(id + ": the fault to fire", Duration.ofSeconds(60), () -> Files.exists(fired));
        }
        Files.delete(armed); // healed: from now on the pipeline must deliver everything

        TestWorker.await(id + ": every record in the output", Duration.ofSeconds(90),
                () -> Files.exists(out) && counts(out).size() >= RECORDS);
        // the source's last position stored: nothing of it will be sent again
        TestWorker.await(id + ": the source's position at the end", Duration.ofSeconds(30),
                () -> w.get("/connectors/" + source + "/offsets").body().contains("\"next\":" + RECORDS));
        TestWorker.await(id + ": both tasks RUNNING", Duration.ofSeconds(30),
                () -> "RUNNING".equals(taskStatus(w, source).getString("state")) && "RUNNING".equals(taskStatus(w, sink).getString("state")));
        if (cell.side().equals("sink") && cell.hook().equals("put") && cell.kind().equals("throw")) {
            assertTrue(metric(w, "omsconnect_task_errors_total", sink) >= 1, id + ": the failed put is counted");
        }
        assertEquals(204, w.delete("/connectors/" + source).statusCode());
        assertEquals(204, w.delete("/connectors/" + sink).statusCode());

        Map<String, Integer> counts = counts(out);
        String written = Files.readString(out);
        assertTrue(written.endsWith("\n"), id + ": the output ends in a torn record: '"
                + written.substring(written.lastIndexOf('\n') + 1) + "'");
        List<String> wrong = new ArrayList<>();
        for (int n = 0; n < RECORDS; n++) {
            String record = String.format("%s-%06d", id, n);
            int times = counts.getOrDefault(record, 0);
            if (times == 0 || times > (cell.mayRepeat() ? 2 : 1)) {
                wrong.add(record + " x" + times);
            }
        }
        assertEquals(RECORDS, counts.size(), id + ": records in the output that were never sent: " + counts.keySet());
        assertTrue(wrong.isEmpty(), id + ": records lost or repeated beyond the contract: " + wrong);
        List<String> firedAt = TestWorker.lines(fired);
        if (cell.once()) {
            assertEquals(List.of(cell.hook()), firedAt, id + ": the fault fired once");
        }
    }

    private static void create(TestWorker w, String name, Map<String, String> config) throws Exception {
        HttpResponse<String> r = w.send("POST", "/connectors", FilePipelineIT.connector(name, config));
        assertEquals(201, r.statusCode(), r.body());
    }

    private static JSONObject taskStatus(TestWorker w, String connector) throws Exception {
        JSONObject status = JSON.parseObject(w.get("/connectors/" + connector + "/status").body());
        return status.getJSONArray("tasks").isEmpty() ? new JSONObject() : status.getJSONArray("tasks").getJSONObject(0);
    }

    private static long metric(TestWorker w, String name, String connector) throws Exception {
        Matcher m = METRIC.matcher(w.get("/metrics").body());
        while (m.find()) {
            if (m.group(1).equals(name) && m.group(2).equals(connector)) {
                return Long.parseLong(m.group(3));
            }
        }
        return 0;
    }

    /**
     * Each whole line of the output and how often it is there; a torn or foreign line fails at once. A last line
     * the sink is still appending is not counted yet (at the end, the output must end with a newline).
     */
    private static Map<String, Integer> counts(Path out) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : TestWorker.wholeLines(out)) {
            if (!line.matches("[a-z-]+-\\d{6}")) {
                fail("a torn or foreign record in " + out + ": '" + line + "'");
            }
            counts.merge(line, 1, Integer::sum);
        }
        return counts;
    }
}
