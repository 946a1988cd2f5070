package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.openmessaging.omsconnect.it.FilePipelineIT.SINK;
import static io.openmessaging.omsconnect.it.FilePipelineIT.SOURCE;
import static io.openmessaging.omsconnect.it.FilePipelineIT.append;
import static io.openmessaging.omsconnect.it.FilePipelineIT.numbered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the REST API (DESIGN.md, "REST API") over real HTTP against a real worker (standalone
 * herder, file connectors on the local driver): statuses and body shapes as Kafka Connect answers them,
 * our own routes, the seed's and RocketMQ Connect's dialects, and the bearer token.
 * One worker serves the whole class; each test uses its own connectors and topics.
 */
class RestContractIT {
    /** Bytes of one {@link FilePipelineIT#numbered} line with its line end. */
    private static final int LINE_BYTES = numbered(0, 1).get(0).length() + 1;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static TestWorker w;

    @BeforeAll
    static void startWorker() throws Exception {
        w = TestWorker.create(dir, "file-connector", "oms-driver-local").start();
    }

    @AfterAll
    static void stopWorker() {
        if (w != null) {
            w.close();
        }
    }

    // ---- helpers ----

    private static JSONObject object(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.request().method() + " " + r.uri() + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        return JSON.parseObject(r.body());
    }

    private static JSONArray array(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.request().method() + " " + r.uri() + ": " + r.body());
        return JSON.parseArray(r.body());
    }

    /** A Kafka Connect error body {@code {"error_code", "message"}} with that status. */
    private static JSONObject error(HttpResponse<String> r, int status) {
        JSONObject e = object(r, status);
        assertEquals(status, e.getIntValue("error_code"), r.body());
        assertFalse(e.getString("message") == null || e.getString("message").isBlank(), r.body());
        return e;
    }

    /** The key or parameter a 400 names: in its header, and in its message too. */
    private static String field(HttpResponse<String> r) {
        String field = r.headers().firstValue("Omsconnect-Error-Field").orElse(null);
        assertNotNull(field, r.body());
        assertTrue(JSON.parseObject(r.body()).getString("message").contains(field), r.body());
        return field;
    }

    private static Map<String, Object> create(String name, Map<String, String> config) {
        return Map.of("name", name, "config", config);
    }

    private static Map<String, String> source(Path in, String topic) {
        return Map.of("connector-class", SOURCE, "file", in.toString(), "connect-topicname", topic);
    }

    private static Map<String, String> sink(Path out, String topic) {
        return Map.of("connector.class", SINK, "file", out.toString(), "connect.topicnames", topic);
    }

    private static void post(String name, Map<String, String> config) throws Exception {
        object(w.send("POST", "/connectors", create(name, config)), 201);
    }

    /** A file pipeline {@code <name>-src} → topic {@code name} → {@code <name>-sink}, its input holding {@code lines} lines. */
    private record Pipeline(Path in, Path out) {
    }

    private static Pipeline pipeline(String name, int lines) throws Exception {
        Pipeline p = new Pipeline(dir.resolve(name + "-in.txt"), dir.resolve(name + "-out.txt"));
        if (lines > 0) {
            append(p.in(), numbered(0, lines));
        }
        post(name + "-src", source(p.in(), name));
        post(name + "-sink", sink(p.out(), name));
        return p;
    }

    private static void delete(String... connectors) throws Exception {
        for (String c : connectors) {
            HttpResponse<String> r = w.delete("/connectors/" + c);
            assertEquals(204, r.statusCode(), c + ": " + r.body());
        }
    }

    private static JSONObject status(String connector) throws Exception {
        return object(w.get("/connectors/" + connector + "/status"), 200);
    }

    private static void awaitStates(String connector, String connectorState, String taskState) throws Exception {
        TestWorker.await(connector + " " + connectorState + "/" + taskState, WAIT, () -> {
            JSONObject s = status(connector);
            JSONArray tasks = s.getJSONArray("tasks");
            return connectorState.equals(s.getJSONObject("connector").getString("state"))
                    && (taskState == null ? tasks.isEmpty()
                    : !tasks.isEmpty() && tasks.stream().allMatch(t -> taskState.equals(((JSONObject) t).getString("state"))));
        });
    }

    private static void awaitLines(Path out, int count) throws Exception {
        TestWorker.await(count + " lines in " + out.getFileName(), WAIT, () -> TestWorker.lines(out).size() >= count);
    }

    private static void awaitDistinctLines(Path out, int count) throws Exception {
        TestWorker.await(count + " distinct lines in " + out.getFileName(), WAIT,
                () -> TestWorker.lines(out).stream().distinct().count() >= count);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- worker ----

    @Test
    void rootHealthAndDrivers() throws Exception {
        JSONObject root = object(w.get("/"), 200);
        assertNotNull(root.getString("version"));
        assertTrue(root.containsKey("commit"), root.toString());
        assertEquals("it-worker", root.getString("kafka_cluster_id"), "a standalone worker is its own cluster");
        JSONObject worker = object(w.get("/worker"), 200);
        assertEquals("it-worker", worker.getString("worker_id"));
        assertEquals("standalone", worker.getString("mode"));
        assertTrue(worker.getString("oms_driver_url").startsWith("oms:local://"), worker.toString());

        JSONObject health = object(w.get("/health"), 200);
        assertEquals("healthy", health.getString("status"));

        JSONArray drivers = array(w.get("/drivers"));
        JSONObject local = drivers.stream().map(JSONObject.class::cast).filter(d -> "local".equals(d.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no local driver in " + drivers));
        assertEquals("oms-driver-local", local.getString("plugin"));
        // the plugin it names is one GET /plugins knows
        object(w.get("/plugins/" + local.getString("plugin")), 200);
    }

    // ---- connectors: create, read, list, delete ----

    @Test
    void createReadListAndDeleteConnectors() throws Exception {
        Path in = dir.resolve("crud-in.txt");
        Path out = dir.resolve("crud-out.txt");
        append(in, numbered(0, 10));

        HttpResponse<String> created = w.send("POST", "/connectors", create("crud-src", source(in, "crud")));
        JSONObject info = object(created, 201);
        assertEquals("/connectors/crud-src", created.headers().firstValue("Location").orElse(null));
        assertEquals("crud-src", info.getString("name"));
        assertEquals("crud-src", info.getJSONObject("config").getString("name"), "as Kafka: the name is put in the config");
        assertEquals(SOURCE, info.getJSONObject("config").getString("connector-class"));
        assertEquals("source", info.getString("type"));
        JSONArray tasks = info.getJSONArray("tasks");
        assertEquals(1, tasks.size(), info.toString());
        assertEquals(JSONObject.of("connector", "crud-src", "task", 0), tasks.getJSONObject(0));
        post("crud-sink", sink(out, "crud"));

        // 409 duplicate, 400 unknown class naming the field, 400 bad names, 400 no config
        error(w.send("POST", "/connectors", create("crud-src", source(in, "crud"))), 409);
        HttpResponse<String> unknownClass = w.send("POST", "/connectors", create("crud-x",
                Map.of("connector-class", "no.such.Connector")));
        JSONObject unknown = error(unknownClass, 400);
        assertEquals("connector-class", field(unknownClass), unknown.toString());
        assertTrue(unknown.getString("message").contains("no.such.Connector"), unknown.toString());
        for (String bad : new String[]{"", "a/b", "..", "x".repeat(201), "bad\nname"}) {
            HttpResponse<String> r = w.send("POST", "/connectors", create(bad, source(in, "crud")));
            JSONObject e = error(r, 400);
            assertEquals("name", field(r), bad + ": " + e);
        }
        error(w.send("POST", "/connectors", Map.of("name", "crud-y")), 400);
        for (String malformed : new String[]{"", "{\"name\":", "[]", "{'name':'crud-y','config':{}}", "{\"name\":\"crud\\x41\"}"}) {
            error(w.send("POST", "/connectors", malformed), 400);
        }
        error(w.send("POST", "/connectors", create("crud-y", Map.of("connector-class", SOURCE, "name", "other"))), 400);
        error(w.get("/connectors/crud-y"), 404);

        // any printable name, percent-encoded in URLs
        HttpResponse<String> spaced = w.send("POST", "/connectors", create("my crud ü", source(in, "crud-spaced")));
        assertEquals("my crud ü", object(spaced, 201).getString("name"));
        assertEquals("/connectors/my%20crud%20%C3%BC", spaced.headers().firstValue("Location").orElse(null));
        assertEquals("my crud ü", object(w.get("/connectors/my%20crud%20%C3%BC"), 200).getString("name"));
        assertEquals(204, w.delete("/connectors/my%20crud%20%C3%BC").statusCode());

        // initial_state, as Kafka 3.5+
        Map<String, Object> paused = new LinkedHashMap<>(create("crud-paused", source(in, "crud-paused")));
        paused.put("initial_state", "PAUSED");
        object(w.send("POST", "/connectors", paused), 201);
        awaitStates("crud-paused", "PAUSED", "PAUSED");
        // KIP-980: created paused, it never ran: once stopped (positions stored on the way) it has sent nothing
        assertEquals(204, w.send("PUT", "/connectors/crud-paused/stop", "").statusCode());
        awaitStates("crud-paused", "STOPPED", null);
        assertEquals(0, object(w.get("/connectors/crud-paused/offsets"), 200).getJSONArray("offsets").size(),
                "a connector created PAUSED sent records");
        assertEquals(204, w.delete("/connectors/crud-paused").statusCode());

        // GET /connectors/{c}
        JSONObject got = object(w.get("/connectors/crud-src"), 200);
        assertEquals(info, got);
        error(w.get("/connectors/missing"), 404);

        // GET /connectors and ?expand=
        List<String> names = JSON.parseArray(w.get("/connectors").body(), String.class);
        assertTrue(names.containsAll(List.of("crud-src", "crud-sink")), names.toString());
        awaitStates("crud-src", "RUNNING", "RUNNING");
        JSONObject byStatus = object(w.get("/connectors?expand=status"), 200);
        JSONObject srcStatus = byStatus.getJSONObject("crud-src");
        assertEquals(List.of("status"), List.copyOf(srcStatus.keySet()));
        assertEquals("crud-src", srcStatus.getJSONObject("status").getString("name"));
        assertEquals("RUNNING", srcStatus.getJSONObject("status").getJSONObject("connector").getString("state"));
        assertEquals("source", srcStatus.getJSONObject("status").getString("type"));
        JSONObject byInfo = object(w.get("/connectors?expand=info"), 200);
        assertEquals(List.of("info"), List.copyOf(byInfo.getJSONObject("crud-sink").keySet()));
        assertEquals("sink", byInfo.getJSONObject("crud-sink").getJSONObject("info").getString("type"));
        assertEquals(info, byInfo.getJSONObject("crud-src").getJSONObject("info"));
        JSONObject both = object(w.get("/connectors?expand=status&expand=info"), 200);
        assertTrue(both.getJSONObject("crud-src").keySet().containsAll(List.of("status", "info")), both.toString());

        // the pipeline really runs
        awaitLines(out, 10);
        assertEquals(numbered(0, 10), TestWorker.lines(out));

        // DELETE → 204, then 404
        HttpResponse<String> deleted = w.delete("/connectors/crud-sink");
        assertEquals(204, deleted.statusCode(), deleted.body());
        error(w.get("/connectors/crud-sink"), 404);
        error(w.delete("/connectors/crud-sink"), 404);
        assertEquals(204, w.delete("/connectors/crud-src").statusCode());
        assertFalse(JSON.parseArray(w.get("/connectors").body(), String.class).contains("crud-src"));
    }

    @Test
    void configIsCreatedAndUpdatedByPutAndSecretsAreMasked() throws Exception {
        Path in = dir.resolve("cfg-in.txt");
        Map<String, String> config = new LinkedHashMap<>(source(in, "cfg"));
        config.put("db.password", "hunter2");
        config.put("api-token", "t0k3n");

        HttpResponse<String> put = w.send("PUT", "/connectors/cfg-src/config", config);
        JSONObject created = object(put, 201);
        assertEquals("/connectors/cfg-src", put.headers().firstValue("Location").orElse(null));
        assertEquals("cfg-src", created.getString("name"));
        assertEquals("******", created.getJSONObject("config").getString("db.password"));
        assertFalse(put.body().contains("hunter2"), put.body());

        JSONObject shown = object(w.get("/connectors/cfg-src/config"), 200);
        assertEquals("******", shown.getString("db.password"));
        assertEquals("******", shown.getString("api-token"));
        assertEquals(in.toString(), shown.getString("file"));
        assertEquals("cfg-src", shown.getString("name"));
        for (String path : new String[]{"/connectors/cfg-src", "/connectors/cfg-src/tasks", "/connectors?expand=info",
                "/getConfigInfo"}) {
            String body = w.get(path).body();
            assertFalse(body.contains("hunter2") || body.contains("t0k3n"), path + " shows a secret: " + body);
        }

        // a config read back and PUT again keeps its secrets (the mask is not stored over them)
        JSONObject readBack = object(w.get("/connectors/cfg-src/config"), 200);
        readBack.put("batch-size", "5");
        object(w.send("PUT", "/connectors/cfg-src/config", readBack), 200);
        String stored = Files.readString(dir.resolve("store").resolve("connectors.json"));
        assertTrue(stored.contains("hunter2") && stored.contains("t0k3n"), "secrets lost: " + stored);
        assertFalse(stored.contains("******"), stored);
        // and a new value replaces them
        readBack.put("db.password", "changed");
        object(w.send("PUT", "/connectors/cfg-src/config", readBack), 200);
        assertTrue(Files.readString(dir.resolve("store").resolve("connectors.json")).contains("changed"));

        config.put("batch-size", "10");
        JSONObject updated = object(w.send("PUT", "/connectors/cfg-src/config", config), 200);
        assertEquals("10", updated.getJSONObject("config").getString("batch-size"));
        assertEquals("10", object(w.get("/connectors/cfg-src/config"), 200).getString("batch-size"));

        // numbers and booleans are taken as their text, as Kafka's Jackson does (objects as their JSON text, as
        // RocketMQ Connect does); a null is refused by key
        JSONObject typed = object(w.send("PUT", "/connectors/cfg-src/config",
                "{\"connector-class\":\"" + SOURCE + "\",\"file\":" + JSON.toJSONString(in.toString())
                        + ",\"connect-topicname\":\"cfg\",\"batch-size\":20,\"x-flag\":true}"), 200);
        assertEquals("20", typed.getJSONObject("config").getString("batch-size"));
        assertEquals("true", typed.getJSONObject("config").getString("x-flag"));
        HttpResponse<String> nested = w.send("PUT", "/connectors/cfg-src/config", "{\"file\":null}");
        error(nested, 400);
        assertEquals("file", field(nested));
        error(w.send("PUT", "/connectors/cfg-src/config", Map.of("connector-class", "no.such.Connector")), 400);
        error(w.send("PUT", "/connectors/cfg-src/config", Map.of("connector-class", SOURCE, "name", "not-cfg-src")), 400);
        error(w.get("/connectors/missing/config"), 404);
        assertEquals(204, w.delete("/connectors/cfg-src").statusCode());
    }

    // ---- status, tasks, restart, pause/resume/stop ----

    @Test
    void statusTasksRestartAndStateTransitions() throws Exception {
        Pipeline p = pipeline("state", 20);
        Path in = p.in();
        Path out = p.out();
        awaitStates("state-src", "RUNNING", "RUNNING");

        JSONObject s = status("state-src");
        assertEquals("state-src", s.getString("name"));
        assertEquals("source", s.getString("type"));
        assertEquals("it-worker", s.getJSONObject("connector").getString("worker_id"));
        JSONObject t0 = s.getJSONArray("tasks").getJSONObject(0);
        assertEquals(0, t0.getIntValue("id"));
        assertEquals("it-worker", t0.getString("worker_id"));
        assertNull(t0.getString("trace"), "no trace unless FAILED");
        error(w.get("/connectors/missing/status"), 404);

        JSONArray tasks = array(w.get("/connectors/state-src/tasks"));
        assertEquals(1, tasks.size());
        assertEquals(JSONObject.of("connector", "state-src", "task", 0), tasks.getJSONObject(0).getJSONObject("id"));
        assertEquals(in.toString(), tasks.getJSONObject(0).getJSONObject("config").getString("file"));
        error(w.get("/connectors/missing/tasks"), 404);

        JSONObject taskStatus = object(w.get("/connectors/state-src/tasks/0/status"), 200);
        assertEquals(0, taskStatus.getIntValue("id"));
        assertEquals("RUNNING", taskStatus.getString("state"));
        assertEquals("it-worker", taskStatus.getString("worker_id"));
        error(w.get("/connectors/state-src/tasks/7/status"), 404);
        error(w.get("/connectors/missing/tasks/0/status"), 404);
        error(w.get("/connectors/state-src/tasks/x/status"), 400);

        HttpResponse<String> taskRestart = w.send("POST", "/connectors/state-src/tasks/0/restart", "");
        assertEquals(204, taskRestart.statusCode(), taskRestart.body());
        error(w.send("POST", "/connectors/state-src/tasks/7/restart", ""), 404);
        awaitStates("state-src", "RUNNING", "RUNNING");

        // restart: 204 plain; 202 + status with includeTasks / onlyFailed (Kafka's semantics)
        HttpResponse<String> plain = w.send("POST", "/connectors/state-src/restart", "");
        assertEquals(204, plain.statusCode(), plain.body());
        JSONObject withTasks = object(w.send("POST", "/connectors/state-src/restart?includeTasks=true", ""), 202);
        assertEquals("state-src", withTasks.getString("name"));
        assertEquals(1, withTasks.getJSONArray("tasks").size());
        JSONObject onlyFailed = object(w.send("POST", "/connectors/state-src/restart?includeTasks=true&onlyFailed=true", ""), 202);
        assertEquals("state-src", onlyFailed.getString("name"));
        object(w.send("POST", "/connectors/state-src/restart?onlyFailed=true", ""), 202);
        error(w.send("POST", "/connectors/state-src/restart?includeTasks=maybe", ""), 400);
        error(w.send("POST", "/connectors/missing/restart", ""), 404);
        awaitStates("state-src", "RUNNING", "RUNNING");
        awaitDistinctLines(out, 20);

        // pause → PAUSED; resume → RUNNING; stop → STOPPED with no tasks; resume from STOPPED → RUNNING
        HttpResponse<String> pause = w.send("PUT", "/connectors/state-src/pause", "");
        assertEquals(202, pause.statusCode(), pause.body());
        awaitStates("state-src", "PAUSED", "PAUSED");
        append(in, numbered(20, 30));
        assertEquals(202, w.send("PUT", "/connectors/state-src/resume", "").statusCode());
        awaitStates("state-src", "RUNNING", "RUNNING");
        awaitDistinctLines(out, 30);
        HttpResponse<String> stop = w.send("PUT", "/connectors/state-src/stop", "");
        assertEquals(204, stop.statusCode(), stop.body());
        awaitStates("state-src", "STOPPED", null);
        assertTrue(array(w.get("/connectors/state-src/tasks")).isEmpty(), "a stopped connector has no tasks");
        assertEquals(in.toString(), object(w.get("/connectors/state-src/config"), 200).getString("file"),
                "a stopped connector keeps its config");
        // as Kafka: a stopped connector may be paused; it starts, paused, with its tasks
        assertEquals(202, w.send("PUT", "/connectors/state-src/pause", "").statusCode());
        awaitStates("state-src", "PAUSED", "PAUSED");
        append(in, numbered(30, 40));
        assertEquals(202, w.send("PUT", "/connectors/state-src/resume", "").statusCode());
        awaitStates("state-src", "RUNNING", "RUNNING");
        awaitDistinctLines(out, 40);
        // restarts are at-least-once: a line may come twice, none may be missing or out of order
        assertEquals(numbered(0, 40), TestWorker.lines(out).stream().distinct().toList());

        for (String verb : new String[]{"pause", "resume", "stop"}) {
            error(w.send("PUT", "/connectors/missing/" + verb, ""), 404);
        }
        delete("state-src", "state-sink");
    }

    @Test
    void aConnectorThatFailedToStartGetsItsTasksWhenRestarted() throws Exception {
        Pipeline p = pipeline("late", 0);
        Path in = p.in();
        Path out = p.out();
        assertEquals(204, w.send("PUT", "/connectors/late-src/stop", "").statusCode());
        // the file source refuses to start on a directory
        Files.createDirectories(in);
        assertEquals(202, w.send("PUT", "/connectors/late-src/resume", "").statusCode());
        JSONObject failed = status("late-src");
        assertEquals("FAILED", failed.getJSONObject("connector").getString("state"), failed.toString());
        assertTrue(failed.getJSONObject("connector").getString("trace").contains("directory"), failed.toString());

        Files.delete(in);
        append(in, numbered(0, 10));
        assertEquals(204, w.send("POST", "/connectors/late-src/restart", "").statusCode());
        awaitStates("late-src", "RUNNING", "RUNNING");
        awaitLines(out, 10);
        assertEquals(numbered(0, 10), TestWorker.lines(out));
        delete("late-src", "late-sink");
    }

    // ---- offsets ----

    @Test
    void offsetsCanBeReadAndOnlyChangedWhileStopped() throws Exception {
        Pipeline p = pipeline("off", 100);
        Path in = p.in();
        Path out = p.out();
        awaitLines(out, 100);
        TestWorker.await("committed position after 100 lines", WAIT, () -> {
            JSONArray offsets = object(w.get("/connectors/off-src/offsets"), 200).getJSONArray("offsets");
            return offsets.size() == 1 && offsets.getJSONObject(0).getJSONObject("offset").getLongValue("position")
                    == 100L * LINE_BYTES;
        });
        JSONObject entry = object(w.get("/connectors/off-src/offsets"), 200).getJSONArray("offsets").getJSONObject(0);
        JSONObject partition = entry.getJSONObject("partition");
        assertEquals(in.toString(), partition.getString("file"));
        error(w.get("/connectors/missing/offsets"), 404);
        assertEquals(JSONObject.of("offsets", new JSONArray()), object(w.get("/connectors/off-sink/offsets"), 200),
                "a sink's offsets are the queue's consumer group: none shown");

        Map<String, Object> skipTo150 = Map.of("offsets", List.of(Map.of("partition", partition,
                "offset", Map.of("position", 150L * LINE_BYTES))));
        // as Kafka: 400 while the connector is not STOPPED
        error(w.send("PATCH", "/connectors/off-src/offsets", skipTo150), 400);
        error(w.delete("/connectors/off-src/offsets"), 400);

        assertEquals(204, w.send("PUT", "/connectors/off-src/stop", "").statusCode());
        awaitStates("off-src", "STOPPED", null);
        JSONObject altered = object(w.send("PATCH", "/connectors/off-src/offsets", skipTo150), 200);
        assertTrue(altered.getString("message").contains("altered"), altered.toString());
        assertEquals(150L * LINE_BYTES, object(w.get("/connectors/off-src/offsets"), 200).getJSONArray("offsets")
                .getJSONObject(0).getJSONObject("offset").getLongValue("position"));
        error(w.send("PATCH", "/connectors/off-src/offsets", Map.of("offsets", List.of())), 400);
        error(w.send("PATCH", "/connectors/missing/offsets", skipTo150), 404);

        // lines 100..149 are skipped: the output goes on at line 150
        append(in, numbered(100, 200));
        assertEquals(202, w.send("PUT", "/connectors/off-src/resume", "").statusCode());
        awaitLines(out, 150);
        List<String> lines = TestWorker.lines(out);
        assertEquals(numbered(0, 100), lines.subList(0, 100));
        assertEquals(numbered(150, 200), lines.subList(100, 150));

        // DELETE resets: the whole file again from its start
        assertEquals(204, w.send("PUT", "/connectors/off-src/stop", "").statusCode());
        awaitStates("off-src", "STOPPED", null);
        JSONObject reset = object(w.delete("/connectors/off-src/offsets"), 200);
        assertTrue(reset.getString("message").contains("reset"), reset.toString());
        assertTrue(object(w.get("/connectors/off-src/offsets"), 200).getJSONArray("offsets").isEmpty());
        assertEquals(202, w.send("PUT", "/connectors/off-src/resume", "").statusCode());
        awaitLines(out, 350);
        assertEquals(numbered(0, 200), TestWorker.lines(out).subList(150, 350));

        delete("off-src", "off-sink");
    }

    // ---- connector plugins and validation ----

    @Test
    void connectorPluginsAndValidation() throws Exception {
        JSONArray plugins = array(w.get("/connector-plugins"));
        JSONObject src = plugins.stream().map(JSONObject.class::cast).filter(p -> SOURCE.equals(p.getString("class")))
                .findFirst().orElseThrow(() -> new AssertionError(plugins.toString()));
        assertEquals("source", src.getString("type"));
        assertNotNull(src.getString("version"));
        assertEquals(Set.of("class", "type", "version"), src.keySet(), "Kafka's PluginInfo, exactly");
        assertTrue(plugins.stream().map(JSONObject.class::cast).allMatch(p -> List.of("source", "sink").contains(p.getString("type"))),
                "connectors only by default: " + plugins);
        JSONArray all = array(w.get("/connector-plugins?connectorsOnly=false"));
        assertTrue(all.stream().map(JSONObject.class::cast).noneMatch(p -> "driver".equals(p.getString("type"))),
                "drivers are no Kafka plugin type (GET /drivers lists them): " + all);

        // a complete config: no errors
        JSONObject ok = validate(SOURCE, Map.of("file", dir.resolve("v.txt").toString(), "connect-topicname", "v"));
        assertEquals(0, ok.getIntValue("error_count"), ok.toString());
        assertEquals(SOURCE, ok.getString("name"));
        assertTrue(ok.getJSONArray("groups").size() >= 1);
        JSONObject first = ok.getJSONArray("configs").getJSONObject(0);
        assertTrue(first.containsKey("definition") && first.containsKey("value"), first.toString());
        assertTrue(first.getJSONObject("value").containsKey("errors"), first.toString());

        // the simple class name works too, as in Kafka
        assertEquals(0, validate("FileSourceConnector", Map.of("file", dir.resolve("v.txt").toString(),
                "connect-topicname", "v")).getIntValue("error_count"));

        // required keys missing: the error is on the key
        JSONObject missing = validate(SOURCE, Map.of("connect-topicname", "v"));
        assertTrue(missing.getIntValue("error_count") >= 1, missing.toString());
        assertTrue(errors(missing, "file").stream().anyMatch(e -> e.contains("file")), missing.toString());

        // wrong types: per field
        JSONObject wrong = validate(SOURCE, Map.of("file", dir.resolve("v.txt").toString(), "connect-topicname", "v",
                "max-task", "abc"));
        assertEquals(1, wrong.getIntValue("error_count"), wrong.toString());
        assertEquals(1, errors(wrong, "max-task").size(), wrong.toString());
        JSONObject sinkWithoutTopics = validate(SINK, Map.of("file", dir.resolve("v.txt").toString()));
        assertTrue(sinkWithoutTopics.getIntValue("error_count") >= 1, sinkWithoutTopics.toString());
        assertEquals(1, errors(sinkWithoutTopics, "connect-topicnames").size(), sinkWithoutTopics.toString());
        JSONObject badUrl = validate(SOURCE, Map.of("file", "/tmp/x", "connect-topicname", "v", "oms-driver-url", "oms:nosuch://x/y"));
        assertEquals(1, errors(badUrl, "oms-driver-url").size(), badUrl.toString());

        // unknown class named by the path only: the error is on Kafka's spelling of the key
        JSONObject unknown = validate("no.such.Connector", Map.of());
        assertTrue(unknown.getIntValue("error_count") >= 1, unknown.toString());
        assertEquals(1, errors(unknown, "connector.class").size(), unknown.toString());

        // a body that is not a config, or a class in the body that contradicts the path
        error(w.send("PUT", "/connector-plugins/" + SOURCE + "/config/validate", "[]"), 400);
        error(w.send("PUT", "/connector-plugins/" + SOURCE + "/config/validate", Map.of("connector.class", SINK)), 400);
        error(w.send("PUT", "/connector-plugins/" + enc("a b") + "/config/validate", Map.of()), 400);
    }

    /** As Kafka Connect, validation needs the connector's {@code name}: the helper gives one. */
    private static JSONObject validate(String cls, Map<String, String> config) throws Exception {
        Map<String, String> named = new java.util.HashMap<>(config);
        named.putIfAbsent("name", "validated");
        return object(w.send("PUT", "/connector-plugins/" + cls + "/config/validate", named), 200);
    }

    /** The errors the validation answer holds for {@code key}; fails when the key is not in the answer. */
    private static List<String> errors(JSONObject validation, String key) {
        return validation.getJSONArray("configs").stream().map(JSONObject.class::cast)
                .map(c -> c.getJSONObject("value")).filter(v -> key.equals(v.getString("name"))).findFirst()
                .map(v -> v.getList("errors", String.class))
                .orElseThrow(() -> new AssertionError("no key " + key + " in " + validation));
    }

    // ---- our plugin routes ----

    @Test
    void pluginsCanBeListedInstalledReloadedAndRemoved() throws Exception {
        JSONArray plugins = array(w.get("/plugins"));
        List<String> ids = plugins.stream().map(p -> ((JSONObject) p).getString("id")).toList();
        assertTrue(ids.containsAll(List.of("file-connector", "oms-driver-local")), ids.toString());
        JSONObject fileConnector = object(w.get("/plugins/file-connector"), 200);
        for (String key : List.of("id", "version", "path", "kind", "state", "components")) {
            assertTrue(fileConnector.containsKey(key), key + " in " + fileConnector);
        }
        assertTrue(fileConnector.getJSONArray("components").stream().map(JSONObject.class::cast)
                .anyMatch(c -> SOURCE.equals(c.getString("class")) && "source".equals(c.getString("type"))));
        JSONObject local = object(w.get("/plugins/oms-driver-local"), 200);
        assertTrue(local.getJSONArray("components").stream().map(JSONObject.class::cast)
                .anyMatch(c -> "local".equals(c.getString("driver"))), local.toString());
        error(w.get("/plugins/no-such-plugin"), 404);
        error(w.delete("/plugins/no-such-plugin"), 404);
        error(w.send("POST", "/plugins/no-such-plugin/reload", ""), 404);

        Path staging = Files.createDirectories(dir.resolve("upload"));
        byte[] jar = Files.readAllBytes(FaultyPlugins.write(staging));
        HttpResponse<String> installed = w.upload("/plugins?name=faulty-plugin-1.0.0.jar", jar);
        JSONObject entity = object(installed, 201);
        assertEquals("faulty-plugin", entity.getString("id"));
        assertEquals("/plugins/faulty-plugin", installed.headers().firstValue("Location").orElse(null));
        assertTrue(array(w.get("/connector-plugins")).stream().anyMatch(p -> FaultyPlugins.HANGING_STOP.equals(((JSONObject) p).getString("class"))));
        error(w.upload("/plugins?name=faulty-plugin-1.0.0.jar", jar), 409);

        JSONObject reloaded = object(w.send("POST", "/plugins/faulty-plugin/reload", ""), 200);
        assertEquals("faulty-plugin", reloaded.getString("id"));

        // a plugin connectors use, as connector or as driver, is not removed (409 unless forced), and
        // reloading it restarts them on the new classes
        Pipeline p = pipeline("plugin", 10);
        Path in = p.in();
        Path out = p.out();
        awaitLines(out, 10);
        error(w.delete("/plugins/file-connector"), 409);
        error(w.delete("/plugins/oms-driver-local"), 409);
        assertEquals("oms-driver-local", object(w.send("POST", "/plugins/oms-driver-local/reload", ""), 200).getString("id"));
        // its users were restarted by the reload itself (not left to fail and come back later)
        error(w.delete("/plugins/oms-driver-local"), 409);
        assertEquals("RUNNING", object(w.get("/connectors/plugin-src/tasks/0/status"), 200).getString("state"));
        append(in, numbered(10, 20));
        awaitDistinctLines(out, 20);
        assertEquals(numbered(0, 20), TestWorker.lines(out).stream().distinct().toList());
        error(w.delete("/plugins/oms-driver-local"), 409);
        delete("plugin-src", "plugin-sink");

        assertEquals(204, w.delete("/plugins/faulty-plugin").statusCode());
        error(w.get("/plugins/faulty-plugin"), 404);
        assertFalse(w.get("/connector-plugins").body().contains(FaultyPlugins.PKG));
    }

    // ---- metrics ----

    @Test
    void metricsArePrometheusTextAndCountARunningConnector() throws Exception {
        Path in = dir.resolve("metrics-in.txt");
        append(in, numbered(0, 10));
        post("metrics-src", source(in, "metrics"));
        TestWorker.await("10 records sent", WAIT, () -> sent("metrics-src") >= 10);

        HttpResponse<String> r = w.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        String text = r.body();
        assertTrue(text.contains("# HELP omsconnect_task_records_sent_total "), text);
        assertTrue(text.contains("# TYPE omsconnect_task_records_sent_total counter\n"), text);
        assertTrue(text.contains("# TYPE omsconnect_connector_state gauge\n"), text);
        assertTrue(text.contains("omsconnect_connector_state{connector=\"metrics-src\",state=\"RUNNING\"} 1"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || line.matches("[a-z_]+\\{[^}]*} -?[0-9.eE+-]+"), "not a Prometheus line: " + line);
        }

        long before = sent("metrics-src");
        append(in, numbered(10, 30));
        TestWorker.await("the counter grows", WAIT, () -> sent("metrics-src") >= before + 20);
        assertEquals(204, w.delete("/connectors/metrics-src").statusCode());
    }

    private static long sent(String connector) throws Exception {
        Matcher m = Pattern.compile("omsconnect_task_records_sent_total\\{connector=\"" + Pattern.quote(connector)
                + "\",task=\"0\"} (\\d+)").matcher(w.get("/metrics").body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    // ---- the seed's dialect and RocketMQ Connect's aliases ----

    @Test
    void seedDialectAndRocketMqAliases() throws Exception {
        Path in = dir.resolve("seed-in.txt");
        String config = JSON.toJSONString(source(in, "seed"));
        JSONObject created = object(w.get("/connectors/seed-src?config=" + enc(config)), 200);
        assertEquals("success", created.getString("status"));
        assertTrue(created.getBooleanValue("created"), created.toString());
        assertEquals("seed-src", created.getJSONObject("connector").getString("name"));
        assertFalse(object(w.get("/connectors/seed-src?config=" + enc(config)), 200).getBooleanValue("created"));
        error(w.get("/connectors/seed-bad?config=" + enc("{not json")), 400);
        error(w.get("/connectors/seed-bad?config=" + enc("{\"connector-class\":\"no.such.C\"}")), 400);
        // without ?config it is Kafka's GET
        assertEquals("seed-src", object(w.get("/connectors/seed-src"), 200).getString("name"));
        awaitStates("seed-src", "RUNNING", "RUNNING");

        assertEquals(List.of("it-worker"), array(w.get("/getClusterInfo")).toJavaList(String.class));
        JSONObject configInfo = object(w.get("/getConfigInfo"), 200);
        assertEquals(in.toString(), configInfo.getJSONObject("connectorConfigs").getJSONObject("seed-src").getString("file"));
        assertEquals(1, configInfo.getJSONObject("taskConfigs").getJSONArray("seed-src").size());
        JSONObject allocated = object(w.get("/getAllocatedInfo"), 200);
        assertTrue(allocated.getJSONObject("connectorConfigs").containsKey("seed-src"), allocated.toString());
        assertTrue(allocated.getJSONObject("taskConfigs").containsKey("seed-src"), allocated.toString());

        JSONObject list = object(w.get("/connectors/list"), 200).getJSONObject("body");
        assertTrue(list.getJSONObject("seed-src").keySet().containsAll(List.of("status", "info")), list.toString());
        JSONArray pluginList = object(w.get("/plugin/list"), 200).getJSONArray("body");
        assertTrue(pluginList.stream().anyMatch(p -> SOURCE.equals(((JSONObject) p).getString("className"))
                && "SOURCE".equals(((JSONObject) p).getString("type"))), pluginList.toString());
        assertEquals("Plugin reload succeeded", object(w.get("/plugin/reload"), 200).getString("body"));
        assertEquals("RUNNING", status("seed-src").getJSONObject("connector").getString("state"), "a reload restarts nothing");

        // RocketMQ's pauseAll/resumeAll go over every connector; a STOPPED one stays stopped
        post("seed-stopped", source(in, "seed"));
        assertEquals(204, w.send("PUT", "/connectors/seed-stopped/stop", "").statusCode());
        assertEquals("success", object(w.get("/connectors/pauseAll"), 200).getString("status"));
        awaitStates("seed-src", "PAUSED", "PAUSED");
        assertEquals("STOPPED", status("seed-stopped").getJSONObject("connector").getString("state"));
        assertEquals("success", object(w.get("/connectors/resumeAll"), 200).getString("status"));
        awaitStates("seed-src", "RUNNING", "RUNNING");
        awaitStates("seed-stopped", "RUNNING", "RUNNING");
        assertEquals("success", object(w.get("/connectors/seed-stopped/stop"), 200).getString("status"));

        // the seed's GET .../stop removes the connector
        assertEquals("success", object(w.get("/connectors/seed-src/stop"), 200).getString("status"));
        error(w.get("/connectors/seed-src"), 404);
        error(w.get("/connectors/seed-src/stop"), 404);
    }

    // ---- the bearer token ----

    @Test
    void withARestTokenChangesNeedItAndReadsStayOpen() throws Exception {
        Path root = Files.createDirectories(dir.resolve("secured"));
        try (TestWorker secured = TestWorker.create(root, "file-connector", "oms-driver-local")
                .set("restToken", "s3cr3t-token").start()) {
            Map<String, Object> body = create("tok-src", source(root.resolve("in.txt"), "tok"));
            HttpResponse<String> refused = secured.send("POST", "/connectors", body);
            error(refused, 401);
            assertEquals("[]", secured.get("/connectors").body(), "nothing was created");
            error(withToken(secured, "POST", "/connectors", body, "wrong"), 401);
            error(secured.get("/connectors/tok-src?config=" + enc(JSON.toJSONString(body.get("config")))), 401);

            object(withToken(secured, "POST", "/connectors", body, "s3cr3t-token"), 201);
            error(secured.send("PUT", "/connectors/tok-src/pause", ""), 401);
            error(secured.delete("/connectors/tok-src"), 401);
            error(secured.upload("/plugins?name=x.jar", new byte[]{1, 2, 3}), 401);
            // the dialects' changing GETs, and validation (it runs connector code), are changes too
            for (String path : new String[]{"/connectors/tok-src/stop", "/connectors/tok-src/pause", "/connectors/stopAll",
                    "/connectors/pauseAll", "/plugin/reload"}) {
                error(secured.get(path), 401);
            }
            error(secured.send("PUT", "/connector-plugins/" + SOURCE + "/config/validate", Map.of()), 401);
            error(secured.send("POST", "/plugins/file-connector/reload", ""), 401);
            error(secured.delete("/plugins/file-connector"), 401);
            assertEquals("RUNNING", JSON.parseObject(secured.get("/connectors/tok-src/status").body())
                    .getJSONObject("connector").getString("state"), "nothing was changed");

            for (String path : new String[]{"/", "/connectors", "/connectors/tok-src", "/connectors/tok-src/status",
                    "/connectors/tok-src/config", "/connector-plugins", "/plugins", "/drivers", "/health", "/metrics"}) {
                assertEquals(200, secured.get(path).statusCode(), path);
            }
            HttpResponse<String> deleted = withToken(secured, "DELETE", "/connectors/tok-src", null, "s3cr3t-token");
            assertEquals(204, deleted.statusCode(), deleted.body());
        }
    }

    private static HttpResponse<String> withToken(TestWorker worker, String method, String path, Object body,
                                                  String token) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.toJSONString(body));
        HttpRequest request = HttpRequest.newBuilder(URI.create(worker.url(path)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .method(method, publisher).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
