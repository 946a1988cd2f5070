package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;

/**
 * A plugin class as RocketMQ Connect lists it ({@code GET /plugin/list/connectors}): its PluginInfo, with the
 * type in its upper-case names ({@code SOURCE}, {@code SINK}) where Kafka Connect's {@link ConnectorPluginInfo}
 * has {@code source}, {@code sink}.
 */
public record RocketMqPluginInfo(@JSONField(ordinal = 0) String className, @JSONField(ordinal = 1) String type,
                                 @JSONField(ordinal = 2) String version) {

    public static RocketMqPluginInfo of(ConnectorPluginInfo plugin) {
        return new RocketMqPluginInfo(plugin.className(), plugin.type().toUpperCase(java.util.Locale.ROOT), plugin.version());
    }
}
