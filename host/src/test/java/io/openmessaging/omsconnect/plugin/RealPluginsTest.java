package io.openmessaging.omsconnect.plugin;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Loads the plugins the reactor built into {@code plugins-dir} (system property
 * {@code omsconnect.pluginsDir}), from a copy so the real folder is never written to. Skipped when none
 * were built yet.
 */
class RealPluginsTest {

    @TempDir
    Path copy;

    @Test
    void everyBuiltPluginLoadsAndOffersAComponent() throws IOException {
        String dir = System.getProperty("omsconnect.pluginsDir");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "no plugins-dir: build the plugins first");
        PluginsDirLayout real = new PluginsDirLayout(Path.of(dir));
        List<Path> entries = real.pluginEntries();
        Assumptions.assumeFalse(entries.isEmpty(), "plugins-dir holds no plugin yet: build the plugins first");
        for (Path entry : entries) {
            copyTree(entry, copy.resolve(entry.getFileName().toString()));
        }

        try (Pf4jPluginHost host = new Pf4jPluginHost(copy)) {
            host.start();
            assertEquals(entries.size(), host.plugins().size(), "loaded " + host.plugins() + " of " + entries);
            for (PluginDescriptorInfo plugin : host.plugins()) {
                assertEquals("STARTED", plugin.state(), plugin.id());
                if (!holdsClasses(plugin.path())) {
                    System.out.println(plugin.id() + ": no class file yet (a module skeleton), not checked");
                    continue;
                }
                assertFalse(plugin.components().isEmpty(), plugin.id() + " offers no component");
                System.out.println(plugin.id() + " " + plugin.version() + " " + plugin.kind() + " "
                        + plugin.components().stream().map(c -> c.type() + ":" + c.className()
                        + (c.driverName() == null ? "" : "(" + c.driverName() + ")")).toList());
            }
        }
    }

    private static boolean holdsClasses(Path entry) throws IOException {
        List<Path> classpath = Files.isRegularFile(entry) && entry.toString().endsWith(".zip")
                ? List.of(entry) : IsolatingPluginLoader.classpathOf(entry);
        for (Path part : classpath) {
            if (Files.isDirectory(part)) {
                try (Stream<Path> walk = Files.walk(part)) {
                    if (walk.anyMatch(p -> p.toString().endsWith(".class"))) {
                        return true;
                    }
                }
            } else if (holdsClassEntries(part)) {
                return true;
            }
        }
        return false;
    }

    /** True when a jar, or a jar inside a zip, has a class file. */
    private static boolean holdsClassEntries(Path archive) throws IOException {
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(archive))) {
            return holdsClassEntries(zip);
        }
    }

    private static boolean holdsClassEntries(java.util.zip.ZipInputStream zip) throws IOException {
        for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
            if (e.getName().endsWith(".class")
                    || (e.getName().endsWith(".jar") && holdsClassEntries(new java.util.zip.ZipInputStream(zip)))) {
                return true;
            }
        }
        return false;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
