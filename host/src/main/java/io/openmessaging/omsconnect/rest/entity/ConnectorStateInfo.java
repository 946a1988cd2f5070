package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

import java.util.List;

/**
 * Kafka Connect's ConnectorStateInfo: connector state and each task's. {@code version} is the version of
 * the plugin the connector class comes from (the OpenMessaging connector API has no version of its own).
 */
public record ConnectorStateInfo(String name, ConnectorState connector, List<TaskState> tasks, String type) {

    /** {@code trace} is null unless FAILED. */
    public record ConnectorState(String state, @JSONField(name = "worker_id") String workerId, String trace,
                                 String version) {
        public ConnectorState withState(String newState) {
            return new ConnectorState(newState, workerId, null, version);
        }
    }

    public record TaskState(int id, String state, @JSONField(name = "worker_id") String workerId, String trace,
                            String version) {
        public TaskState withState(String newState) {
            return new TaskState(id, newState, workerId, null, version);
        }
    }
}
