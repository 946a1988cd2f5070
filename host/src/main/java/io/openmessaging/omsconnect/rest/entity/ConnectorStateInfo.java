package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

import java.util.List;

/** Kafka Connect's ConnectorStateInfo: connector state and each task's. */
public record ConnectorStateInfo(String name, ConnectorState connector, List<TaskState> tasks, String type) {

    /** {@code trace} is null unless FAILED. */
    public record ConnectorState(String state, @JSONField(name = "worker_id") String workerId, String trace) {
    }

    public record TaskState(int id, String state, @JSONField(name = "worker_id") String workerId, String trace) {
    }
}
