package io.openmessaging.omsconnect.rest;

import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.rest.entity.WorkerInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.when;

/** GET /, /health, /metrics. */
class WorkerResourceTest extends MockedHerderTest {

    @Test
    void rootIsServerInfoWithMaskedDriverUrl() {
        when(herder.workerInfo()).thenReturn(new WorkerInfo("0.1.0", "abc", "w1", "oms:rabbitmq://u:pw@h:5672/vh"));
        JSONObject info = rest.get("/").json();
        assertEquals("0.1.0", info.getString("version"));
        assertEquals("abc", info.getString("commit"));
        assertEquals("w1", info.getString("worker_id"));
        assertEquals("oms:rabbitmq://u:******@h:5672/vh", info.getString("oms_driver_url"));
    }

    @Test
    void healthIsUp() {
        when(herder.workerInfo()).thenReturn(Fixtures.worker());
        when(herder.connectors()).thenReturn(List.of("a", "b"));
        RestHarness.Response r = rest.get("/health");
        assertEquals(200, r.status());
        assertEquals("UP", r.json().getString("status"));
        assertEquals("w1", r.json().getString("worker_id"));
        assertEquals(2, r.json().getIntValue("connectors"));
    }

    @Test
    void healthIsDownWhenTheHerderFails() {
        when(herder.workerInfo()).thenThrow(new IllegalStateException("stores closed"));
        RestHarness.Response r = rest.get("/health");
        assertEquals(503, r.status());
        assertEquals("DOWN", r.json().getString("status"));
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
