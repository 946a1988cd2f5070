package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sourcelab.kafka.connect.apiclient.Configuration;
import org.sourcelab.kafka.connect.apiclient.KafkaConnectClient;
import org.sourcelab.kafka.connect.apiclient.request.dto.ConnectServerVersion;
import org.sourcelab.kafka.connect.apiclient.request.dto.ConnectorDefinition;
import org.sourcelab.kafka.connect.apiclient.request.dto.ConnectorPlugin;
import org.sourcelab.kafka.connect.apiclient.request.dto.ConnectorPluginConfigDefinition;
import org.sourcelab.kafka.connect.apiclient.request.dto.ConnectorPluginConfigValidationResults;
import org.sourcelab.kafka.connect.apiclient.request.dto.ConnectorPluginConfigValidationResults.Config;
import org.sourcelab.kafka.connect.apiclient.request.dto.ConnectorStatus;
import org.sourcelab.kafka.connect.apiclient.request.dto.ConnectorTopics;
import org.sourcelab.kafka.connect.apiclient.request.dto.ConnectorsWithExpandedInfo;
import org.sourcelab.kafka.connect.apiclient.request.dto.ConnectorsWithExpandedMetadata;
import org.sourcelab.kafka.connect.apiclient.request.dto.ConnectorsWithExpandedStatus;
import org.sourcelab.kafka.connect.apiclient.request.dto.NewConnectorDefinition;
import org.sourcelab.kafka.connect.apiclient.request.dto.Task;
import org.sourcelab.kafka.connect.apiclient.request.dto.TaskStatus;
import org.sourcelab.kafka.connect.apiclient.request.post.PostConnectorRestart;
import org.sourcelab.kafka.connect.apiclient.rest.exceptions.ConcurrentConfigModificationException;
import org.sourcelab.kafka.connect.apiclient.rest.exceptions.InvalidRequestException;
import org.sourcelab.kafka.connect.apiclient.rest.exceptions.ResourceNotFoundException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.openmessaging.omsconnect.it.FilePipelineIT.SINK;
import static io.openmessaging.omsconnect.it.FilePipelineIT.SOURCE;
import static io.openmessaging.omsconnect.it.FilePipelineIT.append;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drop-in claim, proved with a real third-party client: sourcelab's {@code kafka-connect-client} (4.x),
 * written against Kafka Connect, calls every method of its public API against a worker, and each answer
 * reads back with the right values in the client's own objects.
 */
class KafkaConnectClientIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WORKER_ID = "it-worker";

    @TempDir
    static Path dir;
    static TestWorker w;
    static KafkaConnectClient client;

    @BeforeAll
    static void startWorker() throws Exception {
        w = TestWorker.create(dir, "file-connector", "oms-driver-local", "transforms").set("workerId", WORKER_ID).start();
        client = new KafkaConnectClient(new Configuration(w.url("")).useRequestTimeoutInSeconds(30));
    }

    @AfterAll
    static void stopWorker() {
        if (w != null) {
            w.close();
        }
    }

    /** Our own {@code GET /worker}, to check what the client reads from Kafka's routes against. */
    private static JSONObject worker() throws Exception {
        return JSON.parseObject(w.get("/worker").body());
    }

    @Test
    void serverVersionAndPlugins() throws Exception {
        ConnectServerVersion server = client.getConnectServerVersion();
        JSONObject worker = worker();
        assertEquals(worker.getString("version"), server.getVersion());
        assertEquals("unknown", server.getCommit());
        assertEquals(worker.getString("cluster_id"), server.getKafkaClusterId());

        Map<String, ConnectorPlugin> plugins = client.getConnectorPlugins().stream()
                .collect(Collectors.toMap(ConnectorPlugin::getClassName, p -> p));
        assertEquals("source", plugins.get(SOURCE).getType(), plugins.toString());
        assertEquals("sink", plugins.get(SINK).getType(), plugins.toString());
        assertNotNull(plugins.get(SOURCE).getVersion(), plugins.toString());
        // as Kafka: connectors only by default, though the transforms plugin is installed
        assertEquals(Set.of("source", "sink"), plugins.values().stream().map(ConnectorPlugin::getType)
                .collect(Collectors.toSet()), plugins.toString());
    }

    @Test
    void validation() {
        // the plugin by its simple name, as Kafka allows; the answer names the connector class in full
        ConnectorPluginConfigValidationResults good = client.validateConnectorPluginConfig(
                ConnectorPluginConfigDefinition.newBuilder().withName("FileSourceConnector")
                        .withConfig("connector.class", SOURCE).withConfig("name", "sl-valid")
                        .withConfig("file", "/tmp/sl-valid.txt").withConfig("topic", "t").build());
        assertEquals(SOURCE, good.getName());
        assertEquals(0, good.getErrorCount(), good.toString());
        assertTrue(good.getGroups().containsAll(List.of("Common", "File")), good.getGroups().toString());
        Map<String, Config> goodByName = byName(good);
        assertEquals("/tmp/sl-valid.txt", goodByName.get("file").getValue().getValue());
        assertEquals(List.of(), List.copyOf(goodByName.get("file").getValue().getErrors()));
        assertTrue(goodByName.get("file").getDefinition().isRequired(), good.toString());
        assertEquals("HIGH", goodByName.get("file").getDefinition().getImportance());
        assertEquals("INT", goodByName.get("tasks.max").getDefinition().getType());
        assertEquals("1", goodByName.get("tasks.max").getDefinition().getDefaultValue());
        assertEquals("SHORT", goodByName.get("tasks.max").getDefinition().getWidth());
        assertEquals("The most tasks the connector may run.", goodByName.get("tasks.max").getDefinition().getDocumentation());
        assertEquals("1", goodByName.get("tasks.max").getValue().getValue(), "the default when not given");
        assertTrue(goodByName.get("tasks.max").getValue().isVisible());
        // every config's definition and value are of one key
        good.getConfigs().forEach(c -> assertEquals(c.getDefinition().getName(), c.getValue().getName(), c.toString()));

        ConnectorPluginConfigValidationResults bad = client.validateConnectorPluginConfig(
                new ConnectorPluginConfigDefinition(SINK, Map.of("connector.class", SINK, "name", "sl-invalid",
                        "topics", "t", "max-task", "two")));
        assertEquals(SINK, bad.getName());
        Map<String, Config> badByName = byName(bad);
        assertEquals(List.of("Invalid value two for configuration max-task: expected a 32-bit integer"),
                List.copyOf(badByName.get("max-task").getValue().getErrors()));
        assertEquals("INT", badByName.get("max-task").getDefinition().getType());
        assertEquals("Tasks max", badByName.get("max-task").getDefinition().getDisplayName());
        assertEquals("Common", badByName.get("max-task").getDefinition().getGroup());
        assertEquals(1, badByName.get("file").getValue().getErrors().size(), "the sink's file is required: " + bad);
        assertEquals(2, bad.getErrorCount(), bad.toString());
        assertEquals(List.of("none", "all"), List.copyOf(badByName.get("errors.tolerance").getValue()
                .getRecommendedValues()));
        assertEquals("none", badByName.get("errors.tolerance").getDefinition().getDefaultValue());
        assertTrue(badByName.get("errors.log.enable").getDefinition().getDependents()
                .contains("errors.log.include.messages"), bad.toString());
        // Definition.getOrder() is not checked: the client reads "order", which Kafka Connect never sends (its
        // ConfigKeyInfo's field is "order_in_group"), so it is 0 against Kafka itself too
    }

    private static Map<String, Config> byName(ConnectorPluginConfigValidationResults results) {
        Map<String, Config> byName = new HashMap<>();
        results.getConfigs().forEach(c -> byName.put(c.getDefinition().getName(), c));
        return byName;
    }

    @Test
    void wholeConnectorApiOnAPipeline() throws Exception {
        Path in = dir.resolve("sl-in.txt");
        Path out = dir.resolve("sl-out.txt");
        append(in, List.of("one", "two"));
        Map<String, String> sourceConfig = Map.of("connector.class", SOURCE, "file", in.toString(), "topic", "sl-lines");
        Map<String, String> sinkConfig = Map.of("connector.class", SINK, "file", out.toString(), "topics", "sl-lines");

        ConnectorDefinition created = client.addConnector(NewConnectorDefinition.newBuilder().withName("sl-source")
                .withConfig(sourceConfig).build());
        assertEquals("sl-source", created.getName());
        assertEquals("source", created.getType());
        assertEquals(withName("sl-source", sourceConfig), created.getConfig());
        created.getTasks().forEach(t -> assertEquals("sl-source", t.getConnector(), created.toString()));
        assertThrows(ConcurrentConfigModificationException.class, () -> client.addConnector(
                new NewConnectorDefinition("sl-source", sourceConfig)), "an existing name is a 409");
        ConnectorDefinition createdSink = client.addConnector(new NewConnectorDefinition("sl-sink", sinkConfig));
        assertEquals("sink", createdSink.getType());
        assertEquals(withName("sl-sink", sinkConfig), createdSink.getConfig());

        awaitState("sl-source", "RUNNING");
        awaitState("sl-sink", "RUNNING");
        TestWorker.await("the lines in the sink's file", WAIT, () -> TestWorker.lines(out).equals(List.of("one", "two")));

        assertTrue(client.getConnectors().containsAll(List.of("sl-source", "sl-sink")), client.getConnectors().toString());
        ConnectorDefinition source = client.getConnector("sl-source");
        assertEquals("sl-source", source.getName());
        assertEquals("source", source.getType());
        assertEquals(withName("sl-source", sourceConfig), source.getConfig());
        assertEquals(List.of("sl-source:0"), source.getTasks().stream()
                .map(t -> t.getConnector() + ":" + t.getTask()).toList());
        assertEquals(withName("sl-sink", sinkConfig), client.getConnectorConfig("sl-sink"));

        String version = pluginVersion(SOURCE);
        ConnectorStatus status = client.getConnectorStatus("sl-source");
        assertEquals("sl-source", status.getName());
        assertEquals("source", status.getType());
        assertEquals("RUNNING", status.getConnector().get("state"));
        assertEquals(WORKER_ID, status.getConnector().get("worker_id"));
        assertEquals(version, status.getConnector().get("version"), "the version of the connector's plugin");
        assertEquals(1, status.getTasks().size(), status.toString());
        ConnectorStatus.TaskStatus task = status.getTasks().get(0);
        assertEquals(0, task.getId());
        assertEquals("RUNNING", task.getState());
        assertEquals(WORKER_ID, task.getWorkerId());
        assertNull(task.getTrace());

        List<Task> tasks = List.copyOf(client.getConnectorTasks("sl-source"));
        assertEquals(1, tasks.size(), tasks.toString());
        assertEquals("sl-source", tasks.get(0).getId().getConnector());
        assertEquals(0, tasks.get(0).getId().getTask());
        assertEquals("io.openmessaging.omsconnect.file.FileSourceTask", tasks.get(0).getConfig().get("task.class"),
                tasks.toString());
        assertEquals(in.toString(), tasks.get(0).getConfig().get("file"), tasks.toString());
        TaskStatus taskStatus = client.getConnectorTaskStatus("sl-sink", 0);
        assertEquals(0, taskStatus.getId());
        assertEquals("RUNNING", taskStatus.getState());
        assertEquals(WORKER_ID, taskStatus.getWorkerId());
        assertNull(taskStatus.getTrace());

        expandedListings(in, out);
        topics(in, out);

        // a new config: the answer and a read of it hold it, and the connector runs on it
        Map<String, String> updatedConfig = new HashMap<>(sourceConfig);
        updatedConfig.put("batch-size", "50");
        ConnectorDefinition updated = client.updateConnectorConfig("sl-source", updatedConfig);
        assertEquals("sl-source", updated.getName());
        assertEquals("source", updated.getType());
        assertEquals(withName("sl-source", updatedConfig), updated.getConfig());
        assertEquals(withName("sl-source", updatedConfig), client.getConnectorConfig("sl-source"));
        awaitState("sl-source", "RUNNING");

        assertTrue(client.pauseConnector("sl-source"));
        awaitState("sl-source", "PAUSED");
        assertTrue(client.resumeConnector("sl-source"));
        awaitState("sl-source", "RUNNING");

        assertTrue(client.restartConnector("sl-source"));
        awaitState("sl-source", "RUNNING");
        assertTrue(client.restartConnector(new PostConnectorRestart("sl-source").withIncludeTasks(true)
                .withOnlyFailed(false)));
        awaitState("sl-source", "RUNNING");
        assertTrue(client.restartConnectorTask("sl-sink", 0));
        awaitState("sl-sink", "RUNNING");
        append(in, List.of("after the restarts"));
        TestWorker.await("a line after the restarts", WAIT,
                () -> TestWorker.lines(out).equals(List.of("one", "two", "three", "four", "after the restarts")));

        assertTrue(client.stopConnector("sl-source"));
        TestWorker.await("sl-source STOPPED with no task", WAIT, () -> {
            ConnectorStatus s = client.getConnectorStatus("sl-source");
            return "STOPPED".equals(s.getConnector().get("state")) && s.getTasks().isEmpty();
        });
        assertTrue(client.resumeConnector("sl-source"));
        awaitState("sl-source", "RUNNING");

        assertTrue(client.deleteConnector("sl-source"));
        assertTrue(client.deleteConnector("sl-sink"));
        assertFalse(client.getConnectors().contains("sl-source"), client.getConnectors().toString());
        assertFalse(client.getConnectors().contains("sl-sink"), client.getConnectors().toString());
        assertThrows(ResourceNotFoundException.class, () -> client.getConnector("sl-source"));
    }

    /** The three {@code ?expand=} listings, with sl-source and sl-sink running. */
    private static void expandedListings(Path in, Path out) {
        ConnectorsWithExpandedStatus statuses = client.getConnectorsWithExpandedStatus();
        assertTrue(statuses.getConnectorNames().containsAll(List.of("sl-source", "sl-sink")), statuses.toString());
        ConnectorStatus sourceStatus = statuses.getStatusForConnector("sl-source");
        assertEquals("sl-source", sourceStatus.getName());
        assertEquals("source", sourceStatus.getType());
        assertEquals("RUNNING", sourceStatus.getConnector().get("state"));
        assertEquals(List.of("0:RUNNING"), sourceStatus.getTasks().stream().map(t -> t.getId() + ":" + t.getState()).toList());
        assertEquals("sink", statuses.getMappedStatuses().get("sl-sink").getType());
        assertNull(((ConnectorsWithExpandedMetadata) statuses).getDefinitionForConnector("sl-source"),
                "only the status was asked for");

        ConnectorsWithExpandedInfo infos = client.getConnectorsWithExpandedInfo();
        ConnectorDefinition sinkInfo = infos.getDefinitionForConnector("sl-sink");
        assertEquals("sl-sink", sinkInfo.getName());
        assertEquals("sink", sinkInfo.getType());
        assertEquals(out.toString(), sinkInfo.getConfig().get("file"));
        assertEquals(List.of("sl-sink:0"), sinkInfo.getTasks().stream().map(t -> t.getConnector() + ":" + t.getTask()).toList());
        assertEquals(in.toString(), infos.getMappedDefinitions().get("sl-source").getConfig().get("file"));
        assertNull(((ConnectorsWithExpandedMetadata) infos).getStatusForConnector("sl-sink"), "only the info was asked for");

        ConnectorsWithExpandedMetadata all = client.getConnectorsWithAllExpandedMetadata();
        assertEquals("source", all.getDefinitionForConnector("sl-source").getType());
        assertEquals("sl-lines", all.getDefinitionForConnector("sl-source").getConfig().get("topic"));
        assertEquals("RUNNING", all.getStatusForConnector("sl-sink").getConnector().get("state"));
        assertEquals(WORKER_ID, all.getStatusForConnector("sl-sink").getTasks().get(0).getWorkerId());
        assertEquals(all.getConnectorNames().size(), all.getAllDefinitions().size());
        assertEquals(all.getConnectorNames().size(), all.getAllStatuses().size());
    }

    /** KIP-558 through the client: the topic both used, a reset, and the topic reported again once used. */
    private static void topics(Path in, Path out) throws Exception {
        TestWorker.await("sl-source's topic", WAIT, () -> client.getConnectorTopics("sl-source").getTopics()
                .equals(List.of("sl-lines")));
        ConnectorTopics sinkTopics = client.getConnectorTopics("sl-sink");
        assertEquals("sl-sink", sinkTopics.getName());
        assertEquals(List.of("sl-lines"), sinkTopics.getTopics());

        assertTrue(client.resetConnectorTopics("sl-source"));
        ConnectorTopics reset = client.getConnectorTopics("sl-source");
        assertEquals("sl-source", reset.getName());
        assertEquals(List.of(), reset.getTopics());
        append(in, List.of("three"));
        TestWorker.await("sl-source's topic reported again", WAIT, () -> client.getConnectorTopics("sl-source")
                .getTopics().equals(List.of("sl-lines")));
        append(in, List.of("four"));
        TestWorker.await("lines after the reset", WAIT,
                () -> TestWorker.lines(out).equals(List.of("one", "two", "three", "four")));
    }

    @Test
    void errorsAsTheClientExpectsThem() {
        assertThrows(ResourceNotFoundException.class, () -> client.getConnector("sl-none"));
        assertThrows(ResourceNotFoundException.class, () -> client.getConnectorStatus("sl-none"));
        assertThrows(ResourceNotFoundException.class, () -> client.pauseConnector("sl-none"));
        assertThrows(ResourceNotFoundException.class, () -> client.getConnectorTopics("sl-none"));
        InvalidRequestException bad = assertThrows(InvalidRequestException.class, () -> client.addConnector(
                new NewConnectorDefinition("sl-bad", Map.of("connector.class", "no.such.Connector"))));
        assertEquals(400, bad.getErrorCode());
        assertNotNull(bad.getMessage());
        assertFalse(client.getConnectors().contains("sl-bad"), client.getConnectors().toString());
    }

    private static void awaitState(String connector, String state) throws Exception {
        TestWorker.await(connector + " and its tasks " + state, WAIT, () -> {
            ConnectorStatus s = client.getConnectorStatus(connector);
            return state.equals(s.getConnector().get("state")) && !s.getTasks().isEmpty()
                    && s.getTasks().stream().allMatch(t -> state.equals(t.getState()));
        });
    }

    private static String pluginVersion(String className) {
        return client.getConnectorPlugins().stream().filter(p -> p.getClassName().equals(className))
                .findFirst().orElseThrow().getVersion();
    }

    private static Map<String, String> withName(String name, Map<String, String> config) {
        Map<String, String> named = new HashMap<>(config);
        named.put("name", name);
        return named;
    }
}
