package io.openmessaging.omsconnect.plugin;

import java.util.List;

/**
 * A class discovered in a plugin.
 *
 * @param className fully qualified class name (for a driver: the access point class)
 * @param type      what it is
 * @param version   the plugin's version (the OMS connector API has no per-class version)
 * @param pluginId  the plugin it comes from
 * @param driverName for {@link ComponentType#DRIVER}: the name in {@code oms:<name>://}; else null
 * @param loader    the plugin's classloader
 * @param aliases   other class names it may be configured by ({@code @Aliases}), e.g. a Kafka Connect class name
 */
public record PluginComponent(String className, ComponentType type, String version, String pluginId,
                              String driverName, ClassLoader loader, List<String> aliases) {

    public PluginComponent {
        aliases = List.copyOf(aliases);
    }

    public PluginComponent(String className, ComponentType type, String version, String pluginId,
                           String driverName, ClassLoader loader) {
        this(className, type, version, pluginId, driverName, loader, List.of());
    }
}
