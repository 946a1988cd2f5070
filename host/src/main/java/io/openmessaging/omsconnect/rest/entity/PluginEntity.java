package io.openmessaging.omsconnect.rest.entity;

import com.alibaba.fastjson2.annotation.JSONField;
import io.openmessaging.omsconnect.plugin.NotLoadedPlugin;
import io.openmessaging.omsconnect.plugin.PluginComponent;
import io.openmessaging.omsconnect.plugin.PluginDescriptorInfo;

import org.pf4j.PluginState;

import java.util.List;

/**
 * A plugin as {@code /plugins} shows it: {@code {"id", "version", "path", "kind", "state",
 * "components": [{"class", "type", "version", "plugin", "driver"?}]}} (no classloader). An entry of the plugins
 * folder that is not loaded is {@code {"path", "state": "FAILED", "components": [], "reason"}}: no id, version or
 * kind, which only loading tells.
 */
public record PluginEntity(@JSONField(ordinal = 0) String id, @JSONField(ordinal = 1) String version,
                           @JSONField(ordinal = 2) String path, @JSONField(ordinal = 3) String kind,
                           @JSONField(ordinal = 4) String state, @JSONField(ordinal = 5) List<Component> components,
                           @JSONField(ordinal = 6) String reason) {

    /** {@code driver} is the name in {@code oms:<driver>://}, only for drivers. */
    public record Component(@JSONField(name = "class", ordinal = 0) String className,
                            @JSONField(ordinal = 1) String type, @JSONField(ordinal = 2) String version,
                            @JSONField(ordinal = 3) String plugin, @JSONField(ordinal = 4) String driver) {
        public static Component of(PluginComponent c) {
            return new Component(c.className(), c.type() == null ? null : c.type().restName(), c.version(),
                    c.pluginId(), c.driverName());
        }
    }

    public static PluginEntity of(PluginDescriptorInfo p) {
        List<Component> components = p.components() == null ? List.of()
                : p.components().stream().map(Component::of).toList();
        return new PluginEntity(p.id(), p.version(), p.path() == null ? null : p.path().toString(), p.kind(),
                p.state(), components, null);
    }

    /** An entry that is not loaded, in pf4j's state for a plugin that failed. */
    public static PluginEntity of(NotLoadedPlugin p) {
        return new PluginEntity(null, null, p.path().toString(), null, PluginState.FAILED.toString(), List.of(), p.reason());
    }
}
