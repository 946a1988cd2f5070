package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.config.Secrets;
import io.openmessaging.omsconnect.herder.ClusterUnavailableException;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.rest.entity.ServerInfo;
import io.openmessaging.omsconnect.rest.entity.WorkerInfo;
import io.openmessaging.omsconnect.rest.http.Reply;
import io.openmessaging.omsconnect.rest.http.Router;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /} (Kafka's ServerInfo), {@code GET /health} (Kafka's worker status, KIP-1017: 200
 * {@code {"status": "healthy", "message"}}, or 500 {@code "unhealthy"}, 503 {@code "starting"} while a
 * cluster has no leader), and ours: {@code GET /worker} (this worker's id, mode, cluster and default driver
 * URL, its password masked), {@code GET /metrics} (Prometheus text format 0.0.4), {@code GET /cluster/workers}
 * (the live workers and what runs on each).
 */
final class WorkerResource {
    private static final Logger log = LoggerFactory.getLogger(WorkerResource.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** Kafka's word for it: no build of ours records a source commit. */
    private static final String COMMIT = "unknown";
    private final Herder herder;

    WorkerResource(Herder herder) {
        this.herder = herder;
    }

    void register(Router router) {
        router.get("/", call -> {
            WorkerInfo info = herder.workerInfo();
            return Reply.ok(new ServerInfo(info.version(), COMMIT, info.clusterId()));
        }).get("/worker", call -> {
            WorkerInfo info = herder.workerInfo();
            return Reply.ok(new WorkerInfo(info.version(), info.workerId(), info.mode(), info.clusterId(),
                    Secrets.maskUrl(info.omsDriverUrl())));
        }).get("/health", call -> health())
                .get("/metrics", call -> Reply.text(PROMETHEUS_TEXT, herder.metrics()))
                .get("/cluster/workers", call -> Reply.ok(herder.clusterWorkers()))
                .get("/cluster/voters", call -> Reply.ok(herder.clusterVoters()))
                // the voters after the change, as committed: no second read barrier
                .write("POST", "/cluster/voters", call -> Reply.ok(herder.addClusterVoter(call.jsonBody().getString("id"))))
                .write("DELETE", "/cluster/voters/{id}", call -> Reply.ok(herder.removeClusterVoter(call.pathParam("id"))));
    }

    /** Healthy when the herder answers a read of the connectors (in a cluster: the log is readable). */
    private Reply health() {
        Map<String, Object> health = new LinkedHashMap<>();
        try {
            herder.connectors();
            health.put("status", "healthy");
            health.put("message", "Worker has completed startup and is ready to handle requests.");
            return Reply.ok(health);
        } catch (ClusterUnavailableException e) {
            health.put("status", "starting");
            health.put("message", e.getMessage());
            return new Reply(503, health, Reply.JSON, Map.of());
        } catch (RuntimeException e) {
            // a health probe wants a status, not an error body
            log.warn("health check failed: {}", e.toString());
            health.put("status", "unhealthy");
            health.put("message", String.valueOf(e.getMessage()));
            return new Reply(500, health, Reply.JSON, Map.of());
        }
    }
}
