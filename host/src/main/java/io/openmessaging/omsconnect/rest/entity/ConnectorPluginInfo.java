package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

/** Kafka Connect's PluginInfo plus {@code plugin}, the id of the plugin the class comes from. */
public record ConnectorPluginInfo(@JSONField(name = "class") String className, String type, String version,
                                  String plugin) {
}
