package io.openmessaging.omsconnect.plugin;

import org.pf4j.DefaultPluginFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginWrapper;

/**
 * Lets a plugin have no {@code Plugin-Class}: connector and driver plugins usually don't, they are just
 * classes for the host to discover. Such a plugin gets a do-nothing {@link Plugin} for pf4j's lifecycle.
 */
final class OptionalPluginClassFactory extends DefaultPluginFactory {

    @Override
    public Plugin create(PluginWrapper pluginWrapper) {
        String pluginClass = pluginWrapper.getDescriptor().getPluginClass();
        if (pluginClass == null || pluginClass.isBlank() || pluginClass.equals(Plugin.class.getName())) {
            return new Plugin();
        }
        return super.create(pluginWrapper);
    }
}
