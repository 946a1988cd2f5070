package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.openmessaging.omsconnect.it.FilePipelineIT.SINK;
import static io.openmessaging.omsconnect.it.FilePipelineIT.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RocketMQ Connect's routes {@code GET /allocated/tasks}, {@code /plugin/list/connectors}, {@code /plugin/config}
 * and {@code /plugin/config/validate} on a real worker: each answers in RocketMQ Connect's envelope
 * {@code {"status": 200, "body": ...}} with its shapes, and bad input is a 400 naming the parameter or key.
 */
class RocketMqConnectRoutesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** A worker of its own for each test (one starts in well under a second). */
    private TestWorker worker() throws Exception {
        return TestWorker.create(dir, "file-connector", "oms-driver-local").start();
    }

    /** The body of a RocketMQ Connect answer: HTTP 200 and {@code {"status": 200, "body": ...}}. */
    private static Object body(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.uri() + ": " + r.body());
        JSONObject answer = JSON.parseObject(r.body());
        assertEquals(Set.of("status", "body"), answer.keySet(), r.body());
        assertEquals(200, answer.getIntValue("status"), r.body());
        return answer.get("body");
    }

    /** A refusal: that status, {@code {"error_code", "message"}}, and for a 400 the field named in both. */
    private static void refused(HttpResponse<String> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.uri() + ": " + r.body());
        JSONObject error = JSON.parseObject(r.body());
        assertEquals(status, error.getIntValue("error_code"), r.body());
        if (field != null) {
            assertEquals(field, r.headers().firstValue("Omsconnect-Error-Field").orElse(null), r.body());
            assertTrue(error.getString("message").contains(field), r.body());
        }
    }

    private static String query(Map<String, String> config) {
        return URLEncoder.encode(JSON.toJSONString(config), StandardCharsets.UTF_8);
    }

    @Test
    void allocatedTasksShowsThisWorkersTasksByState() throws Exception {
        try (TestWorker w = worker()) {
            Path in = dir.resolve("alloc-in.txt");
            Map<String, String> config = Map.of("connector.class", SOURCE, "file", in.toString(), "connect.topicname", "alloc");
            assertEquals(200, w.send("POST", "/connectors/alloc-src", config).statusCode());
            TestWorker.await("alloc-src's task running", WAIT,
                    () -> TestWorker.tasksRunning(w.get("/connectors/alloc-src/status").body()));

            JSONObject groups = (JSONObject) body(w.get("/allocated/tasks"));
            assertEquals(Set.of("pendingTasks", "runningTasks", "stoppingTasks", "stoppedTasks", "errorTasks"), groups.keySet());
            JSONObject task = groups.getJSONArray("runningTasks").stream().map(JSONObject.class::cast)
                    .filter(t -> "alloc-src".equals(t.getString("connectorName"))).findFirst()
                    .orElseThrow(() -> new AssertionError("alloc-src not running: " + groups));
            assertEquals(Set.of("connectorName", "config", "taskState"), task.keySet());
            assertEquals("RUNNING", task.getString("taskState"));
            assertEquals(in.toString(), task.getJSONObject("config").getString("file"), "the task's config");
            for (String other : List.of("pendingTasks", "stoppingTasks", "stoppedTasks", "errorTasks")) {
                assertTrue(groups.getJSONArray(other).isEmpty(), other + ": " + groups);
            }

            // paused, it stays among the running tasks, as RocketMQ Connect's worker keeps it
            assertEquals(202, w.send("PUT", "/connectors/alloc-src/pause", "").statusCode());
            TestWorker.await("alloc-src paused", WAIT,
                    () -> w.get("/connectors/alloc-src/status").body().contains("PAUSED"));
            JSONArray running = ((JSONObject) body(w.get("/allocated/tasks"))).getJSONArray("runningTasks");
            assertEquals(1, running.size(), running.toString());

            assertEquals(204, w.delete("/connectors/alloc-src").statusCode());
            JSONObject none = (JSONObject) body(w.get("/allocated/tasks"));
            assertTrue(none.values().stream().allMatch(g -> ((JSONArray) g).isEmpty()), none.toString());
        }
    }

    @Test
    void pluginListConnectorsListsSourcesAndSinksInRocketMqConnectsShape() throws Exception {
        try (TestWorker w = worker()) {
            JSONArray plugins = (JSONArray) body(w.get("/plugin/list/connectors"));
            Map<String, String> types = new LinkedHashMap<>();
            for (Object p : plugins) {
                JSONObject plugin = (JSONObject) p;
                assertEquals(Set.of("className", "type", "version"), plugin.keySet(), plugin.toString());
                types.put(plugin.getString("className"), plugin.getString("type"));
            }
            assertEquals("SOURCE", types.get(SOURCE), plugins.toString());
            assertEquals("SINK", types.get(SINK), plugins.toString());
            assertTrue(Set.of("SOURCE", "SINK").containsAll(types.values()), "connectors only: " + plugins);
            // the same classes as Kafka's list of connectors
            assertEquals(JSON.parseArray(w.get("/connector-plugins").body()).size(), plugins.size());
        }
    }

    @Test
    void pluginConfigShowsTheKeysAClassDeclares() throws Exception {
        try (TestWorker w = worker()) {
            JSONArray keys = (JSONArray) body(w.get("/plugin/config?plugin=" + SOURCE));
            JSONObject file = keys.stream().map(JSONObject.class::cast).filter(k -> "file".equals(k.getString("name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no key file in " + keys));
            assertTrue(file.getBooleanValue("required"), file.toString());
            assertEquals(JSON.parseArray(w.get("/connector-plugins/" + SOURCE + "/config").body()), keys,
                    "the same keys as Kafka's route");
            assertEquals(keys, body(w.get("/plugin/config?plugin=FileSourceConnector")), "by simple name too");

            refused(w.get("/plugin/config"), 400, "plugin");
            refused(w.get("/plugin/config?plugin=" + URLEncoder.encode("a b", StandardCharsets.UTF_8)), 400, "plugin");
            refused(w.get("/plugin/config?plugin=no.such.Connector"), 404, null);
        }
    }

    @Test
    void pluginConfigValidateChecksAFlatConfig() throws Exception {
        try (TestWorker w = worker()) {
            Map<String, String> complete = Map.of("name", "v", "connector.class", SOURCE,
                    "file", dir.resolve("v.txt").toString(), "connect.topicname", "v");
            JSONObject ok = (JSONObject) body(w.get("/plugin/config/validate?config=" + query(complete)));
            assertEquals(0, ok.getIntValue("error_count"), ok.toString());
            assertEquals(SOURCE, ok.getString("name"));
            assertTrue(Set.of("name", "error_count", "groups", "configs").equals(ok.keySet()), ok.toString());

            // the class may come from the plugin parameter; a missing key is an error on that key
            Map<String, String> withoutFile = Map.of("name", "v", "connect.topicname", "v");
            JSONObject missing = (JSONObject) body(w.get("/plugin/config/validate?plugin=" + SOURCE + "&config=" + query(withoutFile)));
            assertTrue(missing.getIntValue("error_count") >= 1, missing.toString());
            JSONObject fileValue = missing.getJSONArray("configs").stream().map(JSONObject.class::cast)
                    .map(c -> c.getJSONObject("value")).filter(v -> "file".equals(v.getString("name"))).findFirst().orElseThrow();
            assertTrue(!fileValue.getJSONArray("errors").isEmpty(), fileValue.toString());

            refused(w.get("/plugin/config/validate"), 400, "config");
            refused(w.get("/plugin/config/validate?config=" + query(withoutFile)), 400, "connector.class");
            refused(w.get("/plugin/config/validate?plugin=" + SINK + "&config=" + query(complete)), 400, "connector.class");
            refused(w.get("/plugin/config/validate?config=" + URLEncoder.encode("{bad", StandardCharsets.UTF_8)), 400, null);
        }
    }
}
