package io.openmessaging.omsconnect.rest;

import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.herder.ClusterUnavailableException;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.rest.entity.WorkerInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.when;

/** GET /, /worker, /health, /metrics. */
class WorkerResourceTest extends MockedHerderTest {

    @Test
    void rootIsKafkasServerInfoExactly() {
        when(herder.workerInfo()).thenReturn(new WorkerInfo("0.1.0", "w1", "distributed", "prod", "oms:local:///x"));
        JSONObject info = rest.get("/").json();
        assertEquals(Set.of("version", "commit", "kafka_cluster_id"), info.keySet());
        assertEquals("0.1.0", info.getString("version"));
        assertEquals("prod", info.getString("kafka_cluster_id"));
    }

    @Test
    void workerShowsItsIdModeClusterAndMaskedDriverUrl() {
        when(herder.workerInfo()).thenReturn(new WorkerInfo("0.1.0", "w1", "distributed", "prod",
                "oms:rabbitmq://u:pw@h:5672/vh"));
        JSONObject info = rest.get("/worker").json();
        assertEquals("w1", info.getString("worker_id"));
        assertEquals("distributed", info.getString("mode"));
        assertEquals("prod", info.getString("cluster_id"));
        assertEquals("oms:rabbitmq://u:******@h:5672/vh", info.getString("oms_driver_url"));
    }

    @Test
    void votingMembersAreListedAddedAndRemovedOverRest() {
        when(herder.clusterVoters()).thenReturn(List.of("w1", "w2"));
        assertEquals(List.of("w1", "w2"), rest.get("/cluster/voters").array());

        when(herder.addClusterVoter("w2")).thenReturn(List.of("w1", "w2"));
        RestHarness.Response added = rest.send("POST", "/cluster/voters", "{\"id\": \"w2\"}");
        assertEquals(200, added.status());
        assertEquals(List.of("w1", "w2"), added.array());
        when(herder.removeClusterVoter("w3")).thenReturn(List.of("w1"));
        RestHarness.Response removed = rest.send("DELETE", "/cluster/voters/w3", "");
        assertEquals(200, removed.status());
        assertEquals(List.of("w1"), removed.array());

        org.mockito.Mockito.doThrow(new io.openmessaging.omsconnect.herder.BadRequestException("mode", "standalone"))
                .when(herder).addClusterVoter("w4");
        RestHarness.Response refused = rest.send("POST", "/cluster/voters", "{\"id\": \"w4\"}");
        assertEquals(400, refused.status());
        assertEquals("mode: standalone", refused.json().getString("message"));
    }

    @Test
    void healthIsKafkasHealthy() {
        when(herder.connectors()).thenReturn(List.of("a", "b"));
        RestHarness.Response r = rest.get("/health");
        assertEquals(200, r.status());
        assertEquals(Set.of("status", "message"), r.json().keySet());
        assertEquals("healthy", r.json().getString("status"));
    }

    @Test
    void healthIsUnhealthyWhenTheHerderFails() {
        when(herder.connectors()).thenThrow(new IllegalStateException("stores closed"));
        RestHarness.Response r = rest.get("/health");
        assertEquals(500, r.status());
        assertEquals("unhealthy", r.json().getString("status"));
        assertEquals("stores closed", r.json().getString("message"));
    }

    @Test
    void healthIsStartingWhileTheClusterHasNoLeader() {
        when(herder.connectors()).thenThrow(new ClusterUnavailableException("no leader yet"));
        RestHarness.Response r = rest.get("/health");
        assertEquals(503, r.status());
        assertEquals("starting", r.json().getString("status"));
    }

    @Test
    void metricsArePrometheusText() {
        when(herder.metrics()).thenReturn("# TYPE omsconnect_connectors gauge\nomsconnect_connectors 2\n");
        RestHarness.Response r = rest.get("/metrics");
        assertEquals(200, r.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.header("Content-Type"));
        assertEquals("# TYPE omsconnect_connectors gauge\nomsconnect_connectors 2\n", r.body());
    }
}
