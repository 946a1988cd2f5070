package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

/**
 * Kafka Connect's PluginInfo, exactly its fields: the class, Kafka's plugin type ("source", "sink",
 * "transformation", "converter") and the version. The plugin a class comes from is shown by {@code GET /plugins}.
 */
public record ConnectorPluginInfo(@JSONField(name = "class", ordinal = 0) String className,
                                  @JSONField(ordinal = 1) String type,
                                  @JSONField(ordinal = 2) String version) {
}
