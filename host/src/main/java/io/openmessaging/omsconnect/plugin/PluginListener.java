package io.openmessaging.omsconnect.plugin;

/** Hears of plugins coming and going, whatever the cause (REST, file dropped or removed). */
public interface PluginListener {

    default void pluginLoaded(PluginDescriptorInfo plugin) {
    }

    /** Called before the plugin's classloader is closed; nothing of the plugin may run after it returns. */
    default void pluginUnloading(PluginDescriptorInfo plugin) {
    }
}
