package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.config.Secrets;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.rest.entity.WorkerInfo;
import io.openmessaging.omsconnect.rest.http.Reply;
import io.openmessaging.omsconnect.rest.http.Router;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /} (Kafka's server info plus worker id and default driver URL, its password masked),
 * {@code GET /health} ({@code {"status": "UP", "worker_id", "connectors"}}, or 503 {@code {"status": "DOWN"}}) and {@code GET /metrics}
 * (Prometheus text format 0.0.4), {@code GET /cluster/workers} (the live workers and what runs on each).
 */
final class WorkerResource {
    private static final Logger log = LoggerFactory.getLogger(WorkerResource.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final Herder herder;

    WorkerResource(Herder herder) {
        this.herder = herder;
    }

    void register(Router router) {
        router.get("/", call -> {
            WorkerInfo info = herder.workerInfo();
            return Reply.ok(new WorkerInfo(info.version(), info.commit(), info.workerId(),
                    Secrets.maskUrl(info.omsDriverUrl())));
        }).get("/health", call -> {
            Map<String, Object> health = new LinkedHashMap<>();
            try {
                health.put("status", "UP");
                health.put("worker_id", herder.workerInfo().workerId());
                health.put("connectors", herder.connectors().size());
                return Reply.ok(health);
            } catch (RuntimeException e) {
                // a health probe wants a status, not an error body
                log.warn("health check failed: {}", e.toString());
                return new Reply(503, Map.of("status", "DOWN"), Reply.JSON, Map.of());
            }
        }).get("/metrics", call -> Reply.text(PROMETHEUS_TEXT, herder.metrics()))
                .get("/cluster/workers", call -> Reply.ok(herder.clusterWorkers()));
    }
}
