package io.openmessaging.omsconnect.plugin;

import java.util.HashSet;
import java.util.Set;

/**
 * Which classes and resources a plugin gets from the host rather than from its own jars: the JDK's,
 * and the APIs plugins and host share. Everything else is plugin-first.
 *
 * <p>Only the API packages are listed, not {@code io.openmessaging.*}: OMS drivers live in
 * {@code io.openmessaging.<driver>} and must come from their plugin. The JDK set is taken from the boot
 * layer's modules rather than from name prefixes, so that {@code javax.*} classes a plugin bundles
 * (e.g. an old xml-apis jar) can never shadow the JDK's, while non-JDK {@code javax.*} libraries it
 * bundles stay its own.
 */
final class ParentFirstPackages {

    /** Exact packages. */
    private static final Set<String> API_PACKAGES = Set.of(
            "io.openmessaging",
            "io.openmessaging.producer",
            "io.openmessaging.consumer",
            "io.openmessaging.exception",
            "io.openmessaging.interceptor",
            "io.openmessaging.internal");

    /** Packages with all their sub-packages. */
    private static final String[] API_PREFIXES = {
            "io.openmessaging.connector.api.",
            "io.openmessaging.omsconnect.api.",
            "org.slf4j.",
            "org.pf4j.",
            "java.",
    };

    private static final Set<String> JDK_PACKAGES = jdkPackages();

    private ParentFirstPackages() {
    }

    /** @param className a binary class name, e.g. {@code io.openmessaging.KeyValue} */
    static boolean isParentFirstClass(String className) {
        int dot = className.lastIndexOf('.');
        return dot > 0 && isParentFirstPackage(className.substring(0, dot));
    }

    /** @param resourceName a resource path, e.g. {@code io/openmessaging/KeyValue.class} */
    static boolean isParentFirstResource(String resourceName) {
        String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
        int slash = name.lastIndexOf('/');
        // resources at the root (log config, META-INF/services/...) belong to whoever has them: plugin first
        return slash > 0 && isParentFirstPackage(name.substring(0, slash).replace('/', '.'));
    }

    static boolean isParentFirstPackage(String packageName) {
        if (API_PACKAGES.contains(packageName) || JDK_PACKAGES.contains(packageName)) {
            return true;
        }
        String withDot = packageName + '.';
        for (String prefix : API_PREFIXES) {
            if (withDot.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> jdkPackages() {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        Set<String> packages = new HashSet<>();
        for (Module module : ModuleLayer.boot().modules()) {
            ClassLoader loader = module.getClassLoader();
            if (loader == null || loader == platform) {
                packages.addAll(module.getPackages());
            }
        }
        return Set.copyOf(packages);
    }
}
