package io.openmessaging.omsconnect.rest.entity;

import java.util.List;
import java.util.Map;

/** Kafka Connect's ConnectorInfo; {@code type} is "source" or "sink". */
public record ConnectorInfo(String name, Map<String, String> config, List<ConnectorTaskId> tasks, String type) {
}
