package io.openmessaging.omsconnect.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.runtime.isolation.PluginType;
import org.apache.kafka.connect.runtime.rest.RestClient;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest;
import org.apache.kafka.connect.runtime.rest.entities.ErrorMessage;
import org.apache.kafka.connect.runtime.rest.entities.LoggerLevel;
import org.apache.kafka.connect.runtime.rest.entities.PluginInfo;
import org.apache.kafka.connect.runtime.rest.entities.ServerInfo;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.runtime.rest.entities.WorkerStatus;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.openmessaging.omsconnect.it.FilePipelineIT.SINK;
import static io.openmessaging.omsconnect.it.FilePipelineIT.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka Connect's own REST entity classes ({@code connect-runtime} 4.x), read with a default Jackson
 * {@link ObjectMapper} (unknown fields fail), parse every answer of our Kafka Connect routes, success and
 * error alike: a client written against Kafka Connect works against us unchanged.
 */
class KafkaRestContractIT {
    private static final ObjectMapper KAFKA_JSON = new ObjectMapper();
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

    /** The body as Kafka's class {@code type}, after checking the status. */
    private static <T> T as(HttpResponse<String> r, int status, TypeReference<T> type) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return KAFKA_JSON.readValue(r.body(), type);
    }

    private static <T> T as(HttpResponse<String> r, int status, Class<T> type) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return KAFKA_JSON.readValue(r.body(), type);
    }

    private static ErrorMessage error(HttpResponse<String> r, int status) throws Exception {
        ErrorMessage e = as(r, status, ErrorMessage.class);
        assertEquals(status, e.errorCode(), r.body());
        assertNotNull(e.message(), r.body());
        return e;
    }

    private static java.util.Collection<String> topics(String connector) throws Exception {
        // Kafka's ActiveTopicsInfo cannot be read back with Jackson (its creator's first argument has no name):
        // its JSON shape is {"<connector>": {"topics": [...]}}
        Map<String, Map<String, List<String>>> answer = as(w.get("/connectors/" + connector + "/topics"), 200,
                new TypeReference<>() { });
        assertEquals(java.util.Set.of(connector), answer.keySet());
        assertEquals(java.util.Set.of("topics"), answer.get(connector).keySet());
        return answer.get(connector).get("topics");
    }

    private static Map<String, Object> create(String name, Map<String, String> config) {
        return Map.of("name", name, "config", config);
    }

    @Test
    void workerRoutes() throws Exception {
        ServerInfo server = as(w.get("/"), 200, ServerInfo.class);
        assertNotNull(server.version());
        assertNotNull(server.clusterId());
        WorkerStatus health = as(w.get("/health"), 200, WorkerStatus.class);
        assertEquals("healthy", health.status());

        List<PluginInfo> connectors = as(w.get("/connector-plugins"), 200, new TypeReference<>() { });
        assertTrue(connectors.stream().anyMatch(p -> p.className().equals(SOURCE) && p.type() == PluginType.SOURCE),
                connectors.toString());
        assertTrue(connectors.stream().anyMatch(p -> p.className().equals(SINK) && p.type() == PluginType.SINK),
                connectors.toString());
        List<PluginInfo> all = as(w.get("/connector-plugins?connectorsOnly=false"), 200, new TypeReference<>() { });
        assertTrue(all.size() >= connectors.size(), all.toString());
        String json = "io.openmessaging.omsconnect.convert.JsonRecordConverter";
        assertTrue(all.stream().anyMatch(p -> p.className().equals(json) && p.type() == PluginType.CONVERTER),
                "the worker's own converters are listed: " + all);
        List<ConfigKeyInfo> jsonKeys = as(w.get("/connector-plugins/" + json + "/config"), 200, new TypeReference<>() { });
        assertEquals(List.of("schemas.enable"), jsonKeys.stream().map(ConfigKeyInfo::name).toList());
        assertEquals("true", jsonKeys.get(0).defaultValue());
    }

    @Test
    void connectorLifecycle() throws Exception {
        Path in = dir.resolve("lifecycle.txt");
        Files.writeString(in, "a\nb\n");
        Map<String, String> config = Map.of("connector.class", SOURCE, "file", in.toString(), "topic", "lifecycle");
        ConnectorInfo created = as(w.send("POST", "/connectors", create("kc-src", config)), 201, ConnectorInfo.class);
        assertEquals("kc-src", created.name());
        assertEquals(ConnectorType.SOURCE, created.type());
        error(w.send("POST", "/connectors", create("kc-src", config)), 409);

        TestWorker.await("kc-src and its task RUNNING", WAIT, () -> {
            ConnectorStateInfo s = as(w.get("/connectors/kc-src/status"), 200, ConnectorStateInfo.class);
            return "RUNNING".equals(s.connector().state()) && s.tasks().size() == 1
                    && "RUNNING".equals(s.tasks().get(0).state());
        });
        ConnectorInfo info = as(w.get("/connectors/kc-src"), 200, ConnectorInfo.class);
        assertEquals(List.of(0), info.tasks().stream().map(t -> t.task()).toList());
        Map<String, String> read = as(w.get("/connectors/kc-src/config"), 200, new TypeReference<>() { });
        assertEquals(in.toString(), read.get("file"));
        List<TaskInfo> tasks = as(w.get("/connectors/kc-src/tasks"), 200, new TypeReference<>() { });
        assertEquals(1, tasks.size());
        assertEquals("io.openmessaging.omsconnect.file.FileSourceTask", tasks.get(0).config().get("task.class"),
                "the task class under Kafka's key: " + tasks.get(0).config());
        ConnectorStateInfo.TaskState task = as(w.get("/connectors/kc-src/tasks/0/status"), 200,
                ConnectorStateInfo.TaskState.class);
        assertEquals(0, task.id());
        assertNotNull(task.version(), "the version of the connector's plugin");
        assertEquals(task.version(), as(w.get("/connectors/kc-src/status"), 200, ConnectorStateInfo.class)
                .connector().version());
        List<String> names = as(w.get("/connectors"), 200, new TypeReference<>() { });
        assertTrue(names.contains("kc-src"), names.toString());
        Map<String, Map<String, Object>> expanded = as(w.get("/connectors?expand=status&expand=info"), 200,
                new TypeReference<>() { });
        KAFKA_JSON.convertValue(expanded.get("kc-src").get("status"), ConnectorStateInfo.class);
        KAFKA_JSON.convertValue(expanded.get("kc-src").get("info"), ConnectorInfo.class);

        // KIP-558: the topics the connector's tasks used
        TestWorker.await("kc-src's topic tracked", WAIT, () -> topics("kc-src").contains("lifecycle"));
        ConnectorInfo updated = as(w.send("PUT", "/connectors/kc-src/config",
                Map.of("connector.class", SOURCE, "file", in.toString(), "topic", "lifecycle2")), 200, ConnectorInfo.class);
        assertEquals("lifecycle2", updated.config().get("topic"));
        Files.writeString(in, "c\n", java.nio.file.StandardOpenOption.APPEND);
        TestWorker.await("both topics tracked", WAIT, () -> topics("kc-src").containsAll(List.of("lifecycle", "lifecycle2")));
        HttpResponse<String> reset = w.send("PUT", "/connectors/kc-src/topics/reset", "");
        assertEquals(202, reset.statusCode(), reset.body());
        assertEquals(List.of(), List.copyOf(topics("kc-src")), "a reset forgets every topic");
        Files.writeString(in, "d\n", java.nio.file.StandardOpenOption.APPEND);
        TestWorker.await("the topic in use tracked again after the reset", WAIT,
                () -> List.copyOf(topics("kc-src")).equals(List.of("lifecycle2")));
        error(w.get("/connectors/kc-none/topics"), 404);
        error(w.send("PUT", "/connectors/kc-none/topics/reset", ""), 404);

        ConnectorInfo patched = as(w.send("PATCH", "/connectors/kc-src/config",
                "{\"batch-size\": \"7\", \"topic\": null, \"connect-topicname\": \"lifecycle3\"}"), 200,
                ConnectorInfo.class);
        assertEquals("7", patched.config().get("batch-size"));
        assertEquals("lifecycle3", patched.config().get("connect-topicname"));
        assertTrue(!patched.config().containsKey("topic"), "a null removes the key: " + patched.config());
        assertEquals(in.toString(), patched.config().get("file"), "keys not in the patch stay");
        error(w.send("PATCH", "/connectors/kc-none/config", Map.of("file", "x")), 404);

        assertEquals(202, w.send("PUT", "/connectors/kc-src/pause", "").statusCode());
        assertEquals(202, w.send("PUT", "/connectors/kc-src/resume", "").statusCode());
        ConnectorStateInfo restarting = as(w.send("POST", "/connectors/kc-src/restart?includeTasks=true", ""), 202,
                ConnectorStateInfo.class);
        assertEquals("kc-src", restarting.name());
        assertEquals("RESTARTING", restarting.connector().state(), "KIP-745: what restarts shows RESTARTING");
        assertEquals(List.of("RESTARTING"), restarting.tasks().stream().map(t -> t.state()).toList());
        assertEquals(204, w.send("PUT", "/connectors/kc-src/stop", "").statusCode());
        TestWorker.await("kc-src STOPPED", WAIT, () -> "STOPPED".equals(as(w.get("/connectors/kc-src/status"), 200,
                ConnectorStateInfo.class).connector().state()));
        ConnectorOffsets offsets = as(w.get("/connectors/kc-src/offsets"), 200, ConnectorOffsets.class);
        assertNotNull(offsets.offsets());
        // as Kafka: a stopped connector may be paused (it starts paused); offsets change only when STOPPED
        assertEquals(202, w.send("PUT", "/connectors/kc-src/pause", "").statusCode());
        TestWorker.await("kc-src PAUSED", WAIT, () -> "PAUSED".equals(as(w.get("/connectors/kc-src/status"), 200,
                ConnectorStateInfo.class).connector().state()));
        error(w.delete("/connectors/kc-src/offsets"), 400);

        assertEquals(204, w.delete("/connectors/kc-src").statusCode());
        error(w.get("/connectors/kc-src"), 404);
        error(w.get("/connectors/kc-src/status"), 404);
    }

    /** Kafka's own RestClient (what its workers forward requests with) against our answers, errors included. */
    @Test
    void kafkasOwnRestClientReadsOurAnswers() throws Exception {
        RestClient client = new RestClient(new StandaloneConfig(Map.of("bootstrap.servers", "127.0.0.1:9",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", dir.resolve("rest-client.offsets").toString())));
        Path in = dir.resolve("rest-client.txt");
        Files.writeString(in, "");
        RestClient.HttpResponse<ConnectorInfo> created = client.httpRequest(w.url("/connectors"), "POST", null,
                new CreateConnectorRequest("kc-client", Map.of("connector.class", SOURCE, "file", in.toString(), "topic", "rc"),
                        CreateConnectorRequest.InitialState.PAUSED), new TypeReference<>() { });
        assertEquals(201, created.status());
        assertEquals("kc-client", created.body().name());
        assertEquals(ConnectorType.SOURCE, created.body().type());
        TestWorker.await("kc-client PAUSED", WAIT, () -> "PAUSED".equals(client.httpRequest(w.url("/connectors/kc-client/status"),
                "GET", null, null, new TypeReference<ConnectorStateInfo>() { }).body().connector().state()));
        List<PluginInfo> plugins = client.httpRequest(w.url("/connector-plugins?connectorsOnly=false"), "GET", null, null,
                new TypeReference<List<PluginInfo>>() { }).body();
        assertTrue(plugins.stream().anyMatch(p -> p.className().equals(SOURCE)), plugins.toString());
        assertEquals(as(w.get("/worker"), 200, new TypeReference<Map<String, Object>>() { }).get("cluster_id"),
                client.httpRequest(w.url("/"), "GET", null, null, new TypeReference<ServerInfo>() { }).body().clusterId());
        ConnectRestException missing = org.junit.jupiter.api.Assertions.assertThrows(ConnectRestException.class, () ->
                client.httpRequest(w.url("/connectors/kc-none/status"), "GET", null, null, new TypeReference<ConnectorStateInfo>() { }));
        assertEquals(404, missing.statusCode());
        assertTrue(missing.getMessage().contains("kc-none"), missing.getMessage());
        ConnectRestException bad = org.junit.jupiter.api.Assertions.assertThrows(ConnectRestException.class, () ->
                client.httpRequest(w.url("/connectors"), "POST", null, new CreateConnectorRequest("kc-client-bad",
                        Map.of("connector.class", SOURCE, "topic", "rc"), null), new TypeReference<ConnectorInfo>() { }));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.getMessage().contains("file"), bad.getMessage());
        assertEquals(204, client.httpRequest(w.url("/connectors/kc-client"), "DELETE", null, null, new TypeReference<Void>() { }).status());
    }

    @Test
    void initialOffsets() throws Exception {
        Path in = dir.resolve("initial.txt");
        Path out = dir.resolve("initial-out.txt");
        Files.writeString(in, "skipped\nread\n");
        Map<String, Object> offsets = Map.of("offsets", List.of(Map.of("partition", Map.of("file", in.toString()),
                "offset", Map.of("position", "skipped\n".length()))));
        Map<String, String> source = Map.of("connector.class", SOURCE, "file", in.toString(), "topic", "initial");
        // KIP-995: created with its offsets in one call, stopped; the offsets are there before any task ran
        ConnectorInfo created = as(w.send("POST", "/connectors", Map.of("name", "kc-initial", "config", source,
                "initial_state", "STOPPED", "initial_offsets", offsets)), 201, ConnectorInfo.class);
        assertEquals("kc-initial", created.name());
        ConnectorOffsets stored = as(w.get("/connectors/kc-initial/offsets"), 200, ConnectorOffsets.class);
        assertEquals(1, stored.offsets().size(), stored.toString());
        assertEquals(((Number) stored.offsets().get(0).offset().get("position")).longValue(), "skipped\n".length());
        as(w.send("POST", "/connectors", create("kc-initial-sink", Map.of("connector.class", SINK, "file", out.toString(),
                "topics", "initial"))), 201, ConnectorInfo.class);
        assertEquals(202, w.send("PUT", "/connectors/kc-initial/resume", "").statusCode());
        TestWorker.await("the line after the initial offset", WAIT, () -> TestWorker.lines(out).contains("read"));
        assertEquals(List.of("read"), TestWorker.lines(out), "nothing before the initial offset is read");

        // a sink's offsets are its consumer group's: refused, naming the field; bad shapes too
        error(w.send("POST", "/connectors", Map.of("name", "kc-initial-bad", "config", Map.of("connector.class", SINK,
                "file", out.toString(), "topics", "initial"), "initial_offsets", offsets)), 400);
        ErrorMessage shape = error(w.send("POST", "/connectors", Map.of("name", "kc-initial-bad", "config", source,
                "initial_offsets", "everything")), 400);
        assertTrue(shape.message().contains("initial_offsets"), shape.message());
        error(w.get("/connectors/kc-initial-bad"), 404);
        assertEquals(204, w.delete("/connectors/kc-initial").statusCode());
        assertEquals(204, w.delete("/connectors/kc-initial-sink").statusCode());
    }

    @Test
    void validationAndBadInput() throws Exception {
        ConfigInfos valid = as(w.send("PUT", "/connector-plugins/FileSourceConnector/config/validate",
                Map.of("connector.class", SOURCE, "name", "v", "file", "/tmp/x", "topic", "t")), 200, ConfigInfos.class);
        assertEquals(0, valid.errorCount(), valid.toString());
        ConfigInfos invalid = as(w.send("PUT", "/connector-plugins/FileSourceConnector/config/validate",
                Map.of("connector.class", SOURCE, "name", "v", "topic", "t", "errors.tolerance", "sometimes")), 200,
                ConfigInfos.class);
        assertTrue(invalid.errorCount() > 0, invalid.toString());
        ConfigInfos unnamed = as(w.send("PUT", "/connector-plugins/FileSourceConnector/config/validate",
                Map.of("connector.class", SOURCE, "file", "/tmp/x", "topic", "t")), 200, ConfigInfos.class);
        assertEquals(List.of("Missing required configuration \"name\" which has no default value."), unnamed.configs().stream()
                .filter(c -> c.configKey().name().equals("name")).findFirst().orElseThrow().configValue().errors(),
                "validation needs the name, as Kafka's");
        // every key under the spelling sent, typed and described as Kafka's ConfigKeyInfo has it
        ConfigInfos spelled = as(w.send("PUT", "/connector-plugins/FileSinkConnector/config/validate",
                Map.of("connector.class", SINK, "max-task", "two", "topics", "t", "errors.tolerance", "sometimes", "name", "v")), 200,
                ConfigInfos.class);
        Map<String, ConfigInfo> byName = new java.util.HashMap<>();
        spelled.configs().forEach(c -> byName.put(c.configKey().name(), c));
        assertEquals("INT", byName.get("max-task").configKey().type(), spelled.toString());
        assertEquals(List.of("Invalid value two for configuration max-task: expected a 32-bit integer"),
                byName.get("max-task").configValue().errors());
        assertEquals("Common", byName.get("max-task").configKey().group());
        assertTrue(byName.get("max-task").configKey().orderInGroup() > 0, spelled.toString());
        assertEquals("Tasks max", byName.get("max-task").configKey().displayName());
        assertEquals(List.of("none", "all"), byName.get("errors.tolerance").configValue().recommendedValues());
        assertEquals(1, byName.get("errors.tolerance").configValue().errors().size(), spelled.toString());
        assertTrue(byName.get("errors.log.enable").configKey().dependents().contains("errors.log.include.messages"));
        assertTrue(byName.get("file").configKey().required(), "the sink declares file as required");
        assertEquals(1, byName.get("file").configValue().errors().size(), spelled.toString());
        assertEquals(3, spelled.errorCount(), spelled.toString());
        assertTrue(spelled.groups().containsAll(List.of("Common", "Error Handling", "File")), spelled.groups().toString());

        // what a plugin declares, as Kafka's GET /connector-plugins/{plugin}/config
        List<ConfigKeyInfo> sinkKeys = as(w.get("/connector-plugins/" + SINK + "/config"), 200, new TypeReference<>() { });
        assertEquals(List.of("file", "connect-topicnames", "fsync"), sinkKeys.stream().map(ConfigKeyInfo::name).toList());
        assertEquals("BOOLEAN", sinkKeys.get(2).type());
        assertEquals("false", sinkKeys.get(2).defaultValue());
        error(w.get("/connector-plugins/no.such.Plugin/config"), 404);

        // a bad value of a worker key is a 400 at create naming the key as sent, not a task failing for ever
        ErrorMessage tolerance = error(w.send("POST", "/connectors", create("kc-tolerance",
                Map.of("connector.class", SOURCE, "file", "/tmp/x", "topic", "t", "errors.tolerance", "sometimes"))), 400);
        assertTrue(tolerance.message().startsWith("errors.tolerance"), tolerance.message());
        ErrorMessage maxTask = error(w.send("POST", "/connectors", create("kc-tolerance",
                Map.of("connector.class", SOURCE, "file", "/tmp/x", "topic", "t", "max.tasks", "0"))), 400);
        assertTrue(maxTask.message().startsWith("max.tasks"), maxTask.message());
        error(w.get("/connectors/kc-tolerance"), 404);

        ErrorMessage bad = error(w.send("POST", "/connectors", create("kc-bad",
                Map.of("connector.class", SOURCE, "topic", "t"))), 400);
        assertTrue(bad.message().contains("file"), bad.message());
        error(w.send("POST", "/connectors", create("kc-bad", Map.of("connector.class", "no.such.Connector"))), 400);
        error(w.send("POST", "/connectors", "{not json"), 400);
        error(w.send("PUT", "/connectors/kc-none/pause", ""), 404);
    }

    @Test
    void loggers() throws Exception {
        String file = "io.openmessaging.omsconnect.file";
        Map<String, LoggerLevel> all = as(w.get("/admin/loggers"), 200, new TypeReference<>() { });
        assertTrue(all.containsKey("root"), all.toString());
        List<String> set = as(w.send("PUT", "/admin/loggers/" + file, Map.of("level", "DEBUG")), 200,
                new TypeReference<>() { });
        assertTrue(set.contains(file), set.toString());
        LoggerLevel debug = as(w.get("/admin/loggers/" + file), 200, LoggerLevel.class);
        assertEquals("DEBUG", debug.level());
        assertNotNull(debug.lastModified());
        assertEquals("DEBUG", as(w.get("/admin/loggers"), 200, new TypeReference<Map<String, LoggerLevel>>() { })
                .get(file).level());

        error(w.send("PUT", "/admin/loggers/" + file, Map.of("level", "LOUD")), 400);
        error(w.send("PUT", "/admin/loggers/" + file, Map.of()), 400);
        error(w.get("/admin/loggers/no.such.logger.anywhere"), 404);

        // a standalone worker is the whole cluster
        assertEquals(204, w.send("PUT", "/admin/loggers/" + file + "?scope=cluster", Map.of("level", "INFO")).statusCode());
        assertEquals("INFO", as(w.get("/admin/loggers/" + file), 200, LoggerLevel.class).level());
    }
}
