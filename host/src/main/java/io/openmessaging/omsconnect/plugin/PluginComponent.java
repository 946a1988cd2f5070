package io.openmessaging.omsconnect.plugin;

/**
 * A class discovered in a plugin.
 *
 * @param className fully qualified class name (for a driver: the access point class)
 * @param type      what it is
 * @param version   the plugin's version (the OMS connector API has no per-class version)
 * @param pluginId  the plugin it comes from
 * @param driverName for {@link ComponentType#DRIVER}: the name in {@code oms:<name>://}; else null
 * @param loader    the plugin's classloader
 */
public record PluginComponent(String className, ComponentType type, String version, String pluginId,
                              String driverName, ClassLoader loader) {
}
