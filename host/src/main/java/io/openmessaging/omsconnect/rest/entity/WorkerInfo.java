package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

/** {@code GET /}: Kafka Connect's ServerInfo shape plus our worker id and default driver URL. */
public record WorkerInfo(String version, String commit, @JSONField(name = "worker_id") String workerId,
                         @JSONField(name = "oms_driver_url") String omsDriverUrl) {
}
