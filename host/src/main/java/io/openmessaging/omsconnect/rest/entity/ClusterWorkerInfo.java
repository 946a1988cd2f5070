package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

import java.util.List;

/**
 * {@code GET /cluster/workers}: one worker of the cluster.
 *
 * @param id              its worker id
 * @param restUrl         where its REST API answers
 * @param role            {@code leader}, {@code follower}, {@code learner} (non-voting) or {@code standalone}
 * @param voter           whether it votes in the Raft group
 * @param lastHeartbeat   its wall clock at its last heartbeat (epoch ms)
 * @param leaseExpiresInMs as seen by the worker answering: when its units would be given away without a
 *                        new heartbeat
 * @param connectors      the connector instances it runs
 * @param tasks           the tasks it runs
 */
public record ClusterWorkerInfo(String id, @JSONField(name = "rest_url") String restUrl, String role, boolean voter,
                                @JSONField(name = "last_heartbeat") long lastHeartbeat,
                                @JSONField(name = "lease_expires_in_ms") long leaseExpiresInMs,
                                List<String> connectors, List<ConnectorTaskId> tasks) {
}
