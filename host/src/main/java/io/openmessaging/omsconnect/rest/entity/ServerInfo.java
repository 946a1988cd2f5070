package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

/**
 * {@code GET /}: Kafka Connect's ServerInfo, exactly its fields (Kafka's own client rejects any other);
 * {@code kafka_cluster_id} carries our cluster's id. This worker's own details are at {@code GET /worker}.
 */
public record ServerInfo(@JSONField(ordinal = 0) String version,
                         @JSONField(ordinal = 1) String commit,
                         @JSONField(name = "kafka_cluster_id", ordinal = 2) String kafkaClusterId) {
}
