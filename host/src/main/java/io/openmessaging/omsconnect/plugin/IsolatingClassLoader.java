package io.openmessaging.omsconnect.plugin;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One plugin's classloader: plugin-first, except for the JDK and the shared APIs
 * ({@link ParentFirstPackages}), which always come from the host so that the plugin's classes implement
 * the very interfaces the host calls. Resources follow the same rule.
 */
final class IsolatingClassLoader extends PluginClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final String pluginId;

    IsolatingClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
        this.pluginId = descriptor.getPluginId();
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return ParentFirstPackages.isParentFirstClass(className);
    }

    @Override
    public URL getResource(String name) {
        if (ParentFirstPackages.isParentFirstResource(name)) {
            return getParent().getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (ParentFirstPackages.isParentFirstResource(name)) {
            return getParent().getResources(name);
        }
        // own first, so that ServiceLoader and friends see the plugin's entries before the host's
        Set<URL> all = new LinkedHashSet<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(new ArrayList<>(all));
    }

    /** True if this loader defined the class of that name (not merely delegated it to the host). */
    boolean defined(String className) {
        Class<?> loaded = findLoadedClass(className); // no class loading lock: it would add a lock object per name asked
        return loaded != null && loaded.getClassLoader() == this;
    }

    /** The jars and class folders of this plugin, for scanning. */
    List<URL> classpath() {
        return List.of(getURLs());
    }

    @Override
    public String toString() {
        return "IsolatingClassLoader[" + pluginId + "]";
    }
}
