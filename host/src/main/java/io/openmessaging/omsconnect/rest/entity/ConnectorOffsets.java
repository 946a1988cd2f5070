package io.openmessaging.omsconnect.rest.entity;

import java.util.List;
import java.util.Map;

/** Kafka Connect's {@code {"offsets": [{"partition": {...}, "offset": {...}}]}}; a null offset resets. */
public record ConnectorOffsets(List<PartitionOffset> offsets) {
    public record PartitionOffset(Map<String, Object> partition, Map<String, Object> offset) {
    }
}
