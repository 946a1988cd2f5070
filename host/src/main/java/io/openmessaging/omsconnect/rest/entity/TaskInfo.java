package io.openmessaging.omsconnect.rest.entity;

import java.util.Map;

/** Kafka Connect's TaskInfo. */
public record TaskInfo(ConnectorTaskId id, Map<String, String> config) {
}
