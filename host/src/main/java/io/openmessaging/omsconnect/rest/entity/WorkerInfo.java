package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

/**
 * {@code GET /worker} (ours): this worker's id, its mode ("standalone" or "distributed"), the cluster it
 * belongs to (its own id when standalone) and its default driver URL.
 */
public record WorkerInfo(@JSONField(ordinal = 0) String version,
                         @JSONField(name = "worker_id", ordinal = 1) String workerId,
                         @JSONField(ordinal = 2) String mode,
                         @JSONField(name = "cluster_id", ordinal = 3) String clusterId,
                         @JSONField(name = "oms_driver_url", ordinal = 4) String omsDriverUrl) {
}
