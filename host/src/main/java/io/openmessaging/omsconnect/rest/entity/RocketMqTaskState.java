package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

import java.util.Map;

/**
 * A task as RocketMQ Connect's {@code GET /allocated/tasks} shows it (its CurrentTaskState): the connector's
 * name, the task's config and its worker's state for it ({@code PENDING}, {@code RUNNING}, {@code STOPPING},
 * {@code STOPPED}, {@code ERROR}).
 */
public record RocketMqTaskState(@JSONField(ordinal = 0) String connectorName,
                                @JSONField(ordinal = 1) Map<String, String> config,
                                @JSONField(ordinal = 2) String taskState) {
}
