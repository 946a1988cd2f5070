package io.openmessaging.omsconnect.plugin;

import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;

import java.nio.file.Path;

/**
 * Makes a pf4j finder say "not mine" (null) instead of returning a descriptor without an id, which the
 * stock manifest finder does for any jar that merely has a manifest; with null, a compound finder falls
 * through to the next one (see NOTES-spikes: plain jars).
 */
final class RequirePluginId implements PluginDescriptorFinder {
    private final PluginDescriptorFinder delegate;

    RequirePluginId(PluginDescriptorFinder delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return delegate.isApplicable(pluginPath);
    }

    @Override
    public PluginDescriptor find(Path pluginPath) {
        PluginDescriptor descriptor;
        try {
            descriptor = delegate.find(pluginPath);
        } catch (RuntimeException e) { // no manifest / no plugin.properties: not a pf4j plugin
            return null;
        }
        if (descriptor == null || descriptor.getPluginId() == null || descriptor.getPluginId().isBlank()) {
            return null;
        }
        return descriptor;
    }

    @Override
    public String toString() {
        return "RequirePluginId(" + delegate.getClass().getSimpleName() + ")";
    }
}
