package io.openmessaging.omsconnect.rocketmq.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The host's plugin isolation as a driver plugin sees it: the OMS API packages and slf4j come from
 * the host (here: the test class path), everything else from the plugin's own jars first, then the
 * JDK. Nothing else of the host shows through, so a jar missing from the plugin fails here as it
 * would in the worker, even though the test class path has RocketMQ on it for the broker.
 */
final class HostApiFirstClassLoader extends URLClassLoader {

    /** The packages the host shares parent-first (DESIGN.md, plugin isolation). */
    private static final List<String> HOST_PACKAGES = List.of(
            "io.openmessaging.producer.", "io.openmessaging.consumer.", "io.openmessaging.exception.",
            "io.openmessaging.interceptor.", "io.openmessaging.internal.", "org.slf4j.");
    private static final String OMS_ROOT_PACKAGE = "io.openmessaging.";

    private final ClassLoader host;

    HostApiFirstClassLoader(URL[] pluginJars, ClassLoader host) {
        super("driver-plugin", pluginJars, ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    static boolean isHostClass(String name) {
        boolean omsRoot = name.startsWith(OMS_ROOT_PACKAGE) && name.indexOf('.', OMS_ROOT_PACKAGE.length()) < 0;
        return omsRoot || HOST_PACKAGES.stream().anyMatch(name::startsWith);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isHostClass(name)) {
            return host.loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null && !name.startsWith("java.")) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInPlugin) {
                    // the JDK's, via the platform parent below
                }
            }
            if (loaded == null) {
                loaded = getParent().loadClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = Collections.list(findResources(name));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}
