package io.openmessaging.omsconnect.rest;

import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.rest.entity.ClusterWorkerInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorStateInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.rest.entity.TaskInfo;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.openmessaging.omsconnect.rest.ConnectorsResourceTest.assertField;
import static io.openmessaging.omsconnect.rest.Fixtures.info;
import static io.openmessaging.omsconnect.rest.Fixtures.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The seed's and RocketMQ Connect's routes. */
class LegacyRoutesTest extends MockedHerderTest {

    @Test
    void seedCreatesThroughGetWithConfigQuery() {
        when(herder.putConnectorConfig(eq("fileSource"), anyMap(), eq(true))).thenReturn(new Herder.Created<>(info("fileSource"), true));
        String config = "{\"connector-class\":\"" + Fixtures.SOURCE + "\",\"oms-driver-url\":\"oms:local:///tmp/mq/ns\",\"max-task\":1}";
        RestHarness.Response r = rest.get("/connectors/fileSource?config=" + URLEncoder.encode(config, StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        assertEquals("success", r.json().getString("status"));
        assertEquals(true, r.json().getBoolean("created"));
        assertEquals("fileSource", r.json().getJSONObject("connector").getString("name"));
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, String>> captured = ArgumentCaptor.forClass(Map.class);
        verify(herder).putConnectorConfig(eq("fileSource"), captured.capture(), eq(true));
        assertEquals("1", captured.getValue().get("max-task"));
        assertEquals("fileSource", captured.getValue().get("name"));

        assertEquals(400, rest.get("/connectors/fileSource?config=" + URLEncoder.encode("{bad", StandardCharsets.UTF_8)).status());
        assertField(rest.get("/connectors/fileSource?config=" + URLEncoder.encode("{\"a\":null}", StandardCharsets.UTF_8)), "a");
    }

    @Test
    void withoutConfigQueryItIsKafkasConnectorInfo() {
        when(herder.connectorInfo("c1")).thenReturn(info("c1"));
        assertEquals("source", rest.get("/connectors/c1").json().getString("type"));
        verify(herder, never()).putConnectorConfig(eq("c1"), anyMap(), eq(true));
    }

    @Test
    void aGetThatChangesSomethingIsLoggedAsAChange() throws Exception {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(io.openmessaging.omsconnect.rest.http.RequestLog.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try {
            rest.get("/connectors/c1/pause");
            rest.get("/connectors");
            // the line is written once the exchange completes, just after the answer went out
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (logged.list.stream().noneMatch(e -> e.getFormattedMessage().startsWith("GET /connectors/c1/pause"))
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } finally {
            log.detachAppender(logged);
        }
        List<String> info = logged.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        assertTrue(info.stream().anyMatch(l -> l.startsWith("GET /connectors/c1/pause -> 200")), info.toString());
        assertTrue(info.stream().noneMatch(l -> l.startsWith("GET /connectors ")), "a read is no change: " + info);
    }

    @Test
    void seedStopRemovesAndGetAliasesPauseResume() {
        assertEquals("success", rest.get("/connectors/c1/stop").json().getString("status"));
        verify(herder).deleteConnector("c1");
        assertEquals("Connector [c1] paused successfully", rest.get("/connectors/c1/pause").json().getString("body"));
        verify(herder).pauseConnector("c1");
        assertEquals("Connector [c1] resumed successfully", rest.get("/connectors/c1/resume").json().getString("body"));
        verify(herder).resumeConnector("c1");
    }

    @Test
    void seedClusterConfigAndAllocatedInfo() {
        when(herder.connectors()).thenReturn(List.of("here", "elsewhere"));
        when(herder.connectorConfig("here")).thenReturn(Fixtures.config("here"));
        when(herder.connectorConfig("elsewhere")).thenReturn(Fixtures.config("elsewhere"));
        when(herder.taskConfigs("here")).thenReturn(Fixtures.tasks("here"));
        when(herder.taskConfigs("elsewhere")).thenReturn(List.of(new TaskInfo(new ConnectorTaskId("elsewhere", 0), Map.of())));
        when(herder.connectorStatus("here")).thenReturn(status("here"));
        when(herder.connectorStatus("elsewhere")).thenReturn(new ConnectorStateInfo("elsewhere",
                new ConnectorStateInfo.ConnectorState("RUNNING", "w2", null, "1.0"),
                List.of(new ConnectorStateInfo.TaskState(0, "RUNNING", "w2", null, "1.0")), "source"));

        when(herder.clusterWorkers()).thenReturn(List.of(
                new ClusterWorkerInfo("w1", "http://a", "leader", true, 1L, 2000L, List.of("here"), List.of()),
                new ClusterWorkerInfo("w2", "http://b", "follower", true, 1L, 2000L, List.of("elsewhere"), List.of())));
        assertEquals(List.of("w1", "w2"), rest.get("/getClusterInfo").array().toJavaList(String.class));
        JSONObject all = rest.get("/getConfigInfo").json();
        assertEquals(2, all.getJSONObject("connectorConfigs").size());
        assertEquals(2, all.getJSONObject("taskConfigs").size());
        JSONObject here = rest.get("/getAllocatedInfo").json();
        assertEquals(List.of("here"), List.copyOf(here.getJSONObject("connectorConfigs").keySet()));
        assertEquals(List.of("here"), List.copyOf(here.getJSONObject("taskConfigs").keySet()));
    }

    @Test
    void rocketmqAllocatedTasksGroupsThisWorkersTasksAsItsWorkerDoes() {
        when(herder.connectors()).thenReturn(List.of("c"));
        List<TaskInfo> tasks = new java.util.ArrayList<>();
        for (int t = 0; t < 5; t++) {
            tasks.add(new TaskInfo(new ConnectorTaskId("c", t), Map.of("task", String.valueOf(t))));
        }
        when(herder.taskConfigs("c")).thenReturn(tasks);
        when(herder.connectorStatus("c")).thenReturn(new ConnectorStateInfo("c",
                new ConnectorStateInfo.ConnectorState("RUNNING", "w1", null, "1.0"), List.of(
                new ConnectorStateInfo.TaskState(0, "UNASSIGNED", "w1", null, "1.0"),
                new ConnectorStateInfo.TaskState(1, "PAUSED", "w1", null, "1.0"),
                new ConnectorStateInfo.TaskState(2, "FAILED", "w1", "trace", "1.0"),
                new ConnectorStateInfo.TaskState(3, "RUNNING", "w2", null, "1.0"),
                new ConnectorStateInfo.TaskState(4, "RUNNING", "w1", null, "1.0")), "source"));

        RestHarness.Response r = rest.get("/allocated/tasks");
        assertEquals(200, r.status(), r.body());
        assertEquals(200, r.json().getIntValue("status"));
        JSONObject groups = r.json().getJSONObject("body");
        assertEquals(List.of("pendingTasks", "runningTasks", "stoppingTasks", "stoppedTasks", "errorTasks"),
                List.copyOf(groups.keySet()));
        assertEquals(List.of("0:PENDING"), tasksIn(groups, "pendingTasks"));
        assertEquals(List.of("1:RUNNING", "4:RUNNING"), tasksIn(groups, "runningTasks"), "paused counts as running; 3 runs elsewhere");
        assertEquals(List.of("2:ERROR"), tasksIn(groups, "errorTasks"));
        assertEquals(List.of(), tasksIn(groups, "stoppingTasks"));
        assertEquals("c", groups.getJSONArray("errorTasks").getJSONObject(0).getString("connectorName"));
    }

    /** The tasks of a group as "task number:state". */
    private static List<String> tasksIn(JSONObject groups, String group) {
        return groups.getJSONArray(group).stream().map(JSONObject.class::cast)
                .map(t -> t.getJSONObject("config").getString("task") + ":" + t.getString("taskState")).toList();
    }

    @Test
    void rocketmqAliases() {
        when(herder.connectors()).thenReturn(List.of("a", "b"));
        when(herder.connectorStatus("a")).thenReturn(status("a"));
        when(herder.connectorInfo("a")).thenReturn(info("a"));
        when(herder.connectorStatus("b")).thenReturn(status("b"));
        when(herder.connectorInfo("b")).thenReturn(info("b"));
        JSONObject answer = rest.get("/connectors/list").json();
        assertEquals(200, answer.getIntValue("status"), "RocketMQ Connect's envelope");
        JSONObject list = answer.getJSONObject("body");
        assertTrue(list.getJSONObject("a").containsKey("status") && list.getJSONObject("b").containsKey("info"), list.toString());

        assertEquals(200, rest.get("/connectors/pauseAll").status());
        verify(herder).pauseConnector("a");
        verify(herder).pauseConnector("b");
        assertEquals(200, rest.get("/connectors/resumeAll").status());
        verify(herder).resumeConnector("b");
        assertEquals(200, rest.get("/connectors/stopAll").status());
        verify(herder).deleteConnector("a");
        verify(herder).deleteConnector("b");
    }

    @Test
    void kafkaWinsWhenAConnectorHasTheAliasName() {
        when(herder.connectors()).thenReturn(List.of("list", "stopAll"));
        when(herder.connectorInfo("list")).thenReturn(info("list"));
        when(herder.connectorInfo("stopAll")).thenReturn(info("stopAll"));
        assertEquals("list", rest.get("/connectors/list").json().getString("name"));
        assertEquals("stopAll", rest.get("/connectors/stopAll").json().getString("name"));
        verify(herder, never()).deleteConnector("list");
    }
}
