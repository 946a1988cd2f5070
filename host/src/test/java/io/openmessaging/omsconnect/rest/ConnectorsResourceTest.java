package io.openmessaging.omsconnect.rest;

import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.herder.AlreadyExistsException;
import io.openmessaging.omsconnect.herder.BadRequestException;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.herder.NotFoundException;
import io.openmessaging.omsconnect.rest.entity.ConnectorOffsets;
import io.openmessaging.omsconnect.rest.http.ErrorMapper;
import io.openmessaging.omsconnect.store.TargetState;
import io.openmessaging.omsconnect.rest.entity.ConnectorStateInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.openmessaging.omsconnect.rest.Fixtures.info;
import static io.openmessaging.omsconnect.rest.Fixtures.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Kafka Connect's /connectors routes: status codes and body shapes, against a mocked herder. */
class ConnectorsResourceTest extends MockedHerderTest {

    @Test
    void listsConnectorNames() {
        when(herder.connectors()).thenReturn(List.of("a", "b"));
        RestHarness.Response r = rest.get("/connectors");
        assertEquals(200, r.status());
        assertEquals(List.of("a", "b"), r.array().toJavaList(String.class));
        assertTrue(r.header("Content-Type").startsWith("application/json"));
    }

    @Test
    void expandsStatusAndInfo() {
        when(herder.connectors()).thenReturn(List.of("a", "gone"));
        when(herder.connectorStatus("a")).thenReturn(status("a"));
        when(herder.connectorInfo("a")).thenReturn(info("a"));
        when(herder.connectorStatus("gone")).thenThrow(new NotFoundException("gone"));

        JSONObject both = rest.get("/connectors?expand=status&expand=info").json();
        assertEquals(List.of("a"), List.copyOf(both.keySet()), "a connector deleted meanwhile is left out");
        assertEquals("RUNNING", both.getJSONObject("a").getJSONObject("status").getJSONObject("connector").getString("state"));
        assertEquals("w1", both.getJSONObject("a").getJSONObject("status").getJSONObject("connector").getString("worker_id"));
        assertEquals("source", both.getJSONObject("a").getJSONObject("info").getString("type"));

        JSONObject statusOnly = rest.get("/connectors?expand=status").json();
        assertTrue(statusOnly.getJSONObject("a").containsKey("status"));
        assertFalse(statusOnly.getJSONObject("a").containsKey("info"));
    }

    @Test
    void createsConnector201WithNameInConfig() {
        when(herder.createConnector(eq("c1"), anyMap(), eq(TargetState.STARTED), any())).thenReturn(info("c1"));
        RestHarness.Response r = rest.send("POST", "/connectors",
                "{\"name\":\"c1\",\"config\":{\"connector.class\":\"X\",\"max.tasks\":2,\"enabled\":true}}");
        assertEquals(201, r.status(), r.body());
        assertEquals("c1", r.json().getString("name"));
        assertEquals(0, r.json().getJSONArray("tasks").getJSONObject(0).getIntValue("task"));
        assertEquals("/connectors/c1", r.header("Location"));
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, String>> config = ArgumentCaptor.forClass(Map.class);
        verify(herder).createConnector(eq("c1"), config.capture(), eq(TargetState.STARTED), any());
        assertEquals(Map.of("name", "c1", "connector.class", "X", "max.tasks", "2", "enabled", "true"), config.getValue());
    }

    @Test
    void createHonoursInitialState() {
        when(herder.createConnector(eq("c1"), anyMap(), any(), any())).thenReturn(info("c1"));
        assertEquals(201, rest.send("POST", "/connectors", "{\"name\":\"c1\",\"config\":{},\"initial_state\":\"STOPPED\"}").status());
        verify(herder).createConnector(eq("c1"), anyMap(), eq(TargetState.STOPPED), any());
        assertEquals(201, rest.send("POST", "/connectors", "{\"name\":\"c1\",\"config\":{},\"initial_state\":\"paused\"}").status());
        verify(herder).createConnector(eq("c1"), anyMap(), eq(TargetState.PAUSED), any());
        verify(herder, never()).stopConnector(anyString());
        verify(herder, never()).pauseConnector(anyString());
        RestHarness.Response bad = rest.send("POST", "/connectors", "{\"name\":\"c1\",\"config\":{},\"initial_state\":\"NAPPING\"}");
        assertEquals(400, bad.status());
        assertField(bad, "initial_state");
    }

    @Test
    void createExisting409() {
        when(herder.createConnector(anyString(), anyMap(), any(), any())).thenThrow(new AlreadyExistsException("Connector c1 already exists"));
        RestHarness.Response r = rest.send("POST", "/connectors", "{\"name\":\"c1\",\"config\":{}}");
        assertError(r, 409, "Connector c1 already exists");
    }

    @Test
    void createRefusesBadBodies() {
        assertField(rest.send("POST", "/connectors", "{\"config\":{}}"), "name");
        assertField(rest.send("POST", "/connectors", "{\"name\":\"c1\"}"), "config");
        assertField(rest.send("POST", "/connectors", "{\"name\":\"c1\",\"config\":{\"a\":null}}"), "a");
        assertField(rest.send("POST", "/connectors", "{\"name\":\"c1\",\"config\":{\"name\":\"other\"}}"), "name");
        assertField(rest.send("POST", "/connectors", "{\"name\":\"../etc\",\"config\":{}}"), "name");
        assertField(rest.send("POST", "/connectors", "{\"name\":\"" + "x".repeat(201) + "\",\"config\":{}}"), "name");
        assertField(rest.send("POST", "/connectors", "{\"name\":\"a\\u0000b\",\"config\":{}}"), "name");
        assertField(rest.send("POST", "/connectors", "{\"name\":\"a\\\\b\",\"config\":{}}"), "name");
        assertEquals(400, rest.send("POST", "/connectors", "{\"name\":").status());
        assertEquals(400, rest.send("POST", "/connectors", "[1,2]").status());
        assertEquals(400, rest.send("POST", "/connectors", "").status());
        assertEquals(400, rest.send("POST", "/connectors", "{\"name\":\"c1\",\"config\":{}} trailing").status());
        verify(herder, never()).createConnector(anyString(), anyMap(), any(), any());
        verify(herder, never()).putConnectorConfig(anyString(), anyMap(), anyBoolean());
    }

    /** RocketMQ Connect stores an object or array config value (its Kafka adapter's nested config) as JSON text. */
    @Test
    void nestedConfigValuesAreKeptAsTheirJsonText() {
        when(herder.createConnector(anyString(), anyMap(), any(), any())).thenReturn(info("c1"));
        RestHarness.Response r = rest.send("POST", "/connectors",
                "{\"name\":\"c1\",\"config\":{\"kafka.connector.configs\":{\"topics\":\"t\",\"n\":1},\"list\":[1,\"a\"]}}");
        assertEquals(201, r.status(), r.body());
        ArgumentCaptor<Map<String, String>> config = ArgumentCaptor.forClass(Map.class);
        verify(herder).createConnector(eq("c1"), config.capture(), any(), any());
        assertEquals("{\"topics\":\"t\",\"n\":1}", config.getValue().get("kafka.connector.configs"));
        assertEquals("[1,\"a\"]", config.getValue().get("list"));
    }

    @Test
    void herderBadRequestNamesTheField() {
        when(herder.createConnector(anyString(), anyMap(), any(), any()))
                .thenThrow(new BadRequestException("connector.class", "unknown class Nope"));
        RestHarness.Response r = rest.send("POST", "/connectors", "{\"name\":\"c1\",\"config\":{\"connector.class\":\"Nope\"}}");
        assertError(r, 400, "connector.class: unknown class Nope");
        assertField(r, "connector.class");
    }

    @Test
    void getsDeletesAndReadsConnector() {
        when(herder.connectorInfo("c1")).thenReturn(info("c1"));
        when(herder.connectorConfig("c1")).thenReturn(Fixtures.config("c1"));
        when(herder.connectorStatus("c1")).thenReturn(status("c1"));
        when(herder.taskConfigs("c1")).thenReturn(Fixtures.tasks("c1"));
        when(herder.taskStatus(new ConnectorTaskId("c1", 0))).thenReturn(status("c1").tasks().get(0));

        assertEquals("c1", rest.get("/connectors/c1").json().getString("name"));
        assertEquals("c1", rest.get("/connectors/c1/config").json().getString("name"));
        JSONObject s = rest.get("/connectors/c1/status").json();
        assertEquals("RUNNING", s.getJSONArray("tasks").getJSONObject(0).getString("state"));
        assertFalse(s.getJSONObject("connector").containsKey("trace"), "trace only when FAILED");
        JSONObject task = rest.get("/connectors/c1/tasks").array().getJSONObject(0);
        assertEquals("c1", task.getJSONObject("id").getString("connector"));
        assertEquals("/tmp/in.txt", task.getJSONObject("config").getString("file"));
        JSONObject taskStatus = rest.get("/connectors/c1/tasks/0/status").json();
        assertEquals(0, taskStatus.getIntValue("id"));
        assertEquals("w1", taskStatus.getString("worker_id"));

        RestHarness.Response deleted = rest.send("DELETE", "/connectors/c1", (String) null);
        assertEquals(204, deleted.status());
        assertEquals("", deleted.body());
        verify(herder).deleteConnector("c1");
    }

    @Test
    void unknownConnector404() {
        when(herder.connectorInfo("nope")).thenThrow(new NotFoundException("Connector nope not found"));
        assertError(rest.get("/connectors/nope"), 404, "Connector nope not found");
    }

    @Test
    void putConfigAnswers201Then200() {
        when(herder.putConnectorConfig(eq("c1"), anyMap(), eq(true)))
                .thenReturn(new Herder.Created<>(info("c1"), true), new Herder.Created<>(info("c1"), false));
        assertEquals(201, rest.send("PUT", "/connectors/c1/config", "{\"connector.class\":\"X\"}").status());
        RestHarness.Response updated = rest.send("PUT", "/connectors/c1/config", "{\"connector.class\":\"X\"}");
        assertEquals(200, updated.status());
        assertEquals("c1", updated.json().getString("name"));
        assertField(rest.send("PUT", "/connectors/c1/config", "{\"name\":\"c2\"}"), "name");
        assertField(rest.send("PUT", "/connectors/c1/config", "{\"k\":null}"), "k");
    }

    @Test
    void patchSetsTheKeysGivenAndANullRemovesOne() {
        when(herder.patchConnectorConfig(eq("c1"), anyMap())).thenReturn(info("c1"));
        RestHarness.Response r = rest.send("PATCH", "/connectors/c1/config", "{\"a\":\"1\",\"b\":null,\"n\":2}");
        assertEquals(200, r.status(), r.body());
        assertEquals("c1", r.json().getString("name"));
        Map<String, String> patch = new java.util.HashMap<>();
        patch.put("a", "1");
        patch.put("b", null);
        patch.put("n", "2");
        patch.put("name", "c1");
        verify(herder).patchConnectorConfig("c1", patch);
        assertField(rest.send("PATCH", "/connectors/c1/config", "{\"name\":\"c2\"}"), "name");
    }

    @Test
    void restartAnswers204Or202() {
        when(herder.restartConnector(eq("c1"), anyBoolean(), anyBoolean())).thenReturn(status("c1"));
        RestHarness.Response plain = rest.send("POST", "/connectors/c1/restart", (String) null);
        assertEquals(204, plain.status());
        verify(herder).restartConnector("c1", false, false);
        RestHarness.Response withTasks = rest.send("POST", "/connectors/c1/restart?includeTasks=true&onlyFailed=true", (String) null);
        assertEquals(202, withTasks.status());
        assertEquals("c1", withTasks.json().getString("name"));
        verify(herder).restartConnector("c1", true, true);
        assertField(rest.send("POST", "/connectors/c1/restart?includeTasks=yes", (String) null), "includeTasks");
    }

    @Test
    void pauseResumeStopAndTaskRestart() {
        assertEquals(202, rest.send("PUT", "/connectors/c1/pause", (String) null).status());
        assertEquals(202, rest.send("PUT", "/connectors/c1/resume", (String) null).status());
        assertEquals(204, rest.send("PUT", "/connectors/c1/stop", (String) null).status());
        assertEquals(204, rest.send("POST", "/connectors/c1/tasks/3/restart", (String) null).status());
        verify(herder).pauseConnector("c1");
        verify(herder).resumeConnector("c1");
        verify(herder).stopConnector("c1");
        verify(herder).restartTask(new ConnectorTaskId("c1", 3));
        assertField(rest.send("POST", "/connectors/c1/tasks/-1/restart", (String) null), "task");
        assertField(rest.send("POST", "/connectors/c1/tasks/x/restart", (String) null), "task");
    }

    @Test
    void offsetsReadAlterReset() {
        when(herder.offsets("c1")).thenReturn(new ConnectorOffsets(List.of(
                new ConnectorOffsets.PartitionOffset(Map.of("file", "/tmp/in.txt"), Map.of("position", 42)))));
        JSONObject offsets = rest.get("/connectors/c1/offsets").json();
        assertEquals(42, offsets.getJSONArray("offsets").getJSONObject(0).getJSONObject("offset").getIntValue("position"));

        RestHarness.Response altered = rest.send("PATCH", "/connectors/c1/offsets",
                "{\"offsets\":[{\"partition\":{\"file\":\"/tmp/in.txt\"},\"offset\":{\"position\":7}},"
                        + "{\"partition\":{\"file\":\"/tmp/b\"},\"offset\":null}]}");
        assertEquals(200, altered.status(), altered.body());
        assertEquals("The offsets for this connector have been altered successfully", altered.json().getString("message"));
        ArgumentCaptor<ConnectorOffsets> captured = ArgumentCaptor.forClass(ConnectorOffsets.class);
        verify(herder).alterOffsets(eq("c1"), captured.capture());
        assertEquals(7, captured.getValue().offsets().get(0).offset().get("position"));
        assertNull(captured.getValue().offsets().get(1).offset());

        RestHarness.Response reset = rest.send("DELETE", "/connectors/c1/offsets", (String) null);
        assertEquals(200, reset.status());
        assertEquals("The offsets for this connector have been reset successfully", reset.json().getString("message"));

        doThrow(new BadRequestException(null, "connector c1 must be STOPPED")).when(herder).resetOffsets("c1");
        assertError(rest.send("DELETE", "/connectors/c1/offsets", (String) null), 400, "connector c1 must be STOPPED");
        assertField(rest.send("PATCH", "/connectors/c1/offsets", "{\"offsets\":[]}"), "offsets");
        assertField(rest.send("PATCH", "/connectors/c1/offsets", "{\"offsets\":[{\"offset\":{}}]}"), "offsets[0].partition");
        assertField(rest.send("PATCH", "/connectors/c1/offsets", "{\"offsets\":[{\"partition\":{\"a\":{}},\"offset\":{}}]}"), "offsets[0].partition");
    }

    @Test
    void unexpectedHerderFailureIs500WithoutTrace() {
        when(herder.connectorStatus("c1")).thenThrow(new IllegalStateException("boom at secret place"));
        RestHarness.Response r = rest.get("/connectors/c1/status");
        assertEquals(500, r.status());
        assertEquals(500, r.json().getIntValue("error_code"));
        assertFalse(r.body().contains("boom"), r.body());
        assertFalse(r.body().contains("at io."), r.body());
    }

    @Test
    void statusWithFailedTrace() {
        when(herder.connectorStatus("c1")).thenReturn(new ConnectorStateInfo("c1",
                new ConnectorStateInfo.ConnectorState("FAILED", "w1", "java.lang.Exception: x", "1.0"), List.of(), "sink"));
        assertEquals("java.lang.Exception: x", rest.get("/connectors/c1/status").json().getJSONObject("connector").getString("trace"));
    }

    static void assertError(RestHarness.Response r, int status, String message) {
        assertEquals(status, r.status(), r.body());
        assertEquals(status, r.json().getIntValue("error_code"), r.body());
        assertEquals(message, r.json().getString("message"));
    }

    static void assertField(RestHarness.Response r, String field) {
        assertEquals(400, r.status(), r.body());
        assertEquals(400, r.json().getIntValue("error_code"), r.body());
        assertEquals(field, r.header(ErrorMapper.FIELD_HEADER), r.body());
        assertTrue(r.json().getString("message").contains(field), r.body());
        assertEquals(Set.of("error_code", "message"), r.json().keySet(), "Kafka's error body, exactly");
        assertTrue(r.json().getString("message") != null && !r.json().getString("message").isEmpty());
    }

}
