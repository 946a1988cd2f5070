package io.openmessaging.omsconnect.plugin;

import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the classpath of any plugin layout into an {@link IsolatingClassLoader}: a jar is its own
 * classpath (so plain jars must be fat jars); a folder (a pf4j folder, an extracted pf4j zip, or a plain
 * folder of jars) contributes its {@code classes/} folder, then every jar below it in name order
 * ({@code lib/*.jar} for pf4j, the jars themselves for a Kafka-style folder).
 */
final class IsolatingPluginLoader implements PluginLoader {
    private final PluginManager manager;

    IsolatingPluginLoader(PluginManager manager) {
        this.manager = manager;
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return Files.isDirectory(pluginPath)
                || (Files.isRegularFile(pluginPath) && PluginsDirLayout.isArchiveName(pluginPath.getFileName().toString()));
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        IsolatingClassLoader loader = new IsolatingClassLoader(manager, descriptor, getClass().getClassLoader());
        try {
            for (Path entry : classpathOf(pluginPath)) {
                loader.addURL(entry.toUri().toURL());
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(loader);
            throw new PluginRuntimeException(e, "Cannot build the classpath of {}", pluginPath);
        }
        return loader;
    }

    static List<Path> classpathOf(Path pluginPath) throws IOException {
        if (!Files.isDirectory(pluginPath)) {
            return List.of(pluginPath);
        }
        Path classes = pluginPath.resolve("classes");
        try (Stream<Path> walk = Files.walk(pluginPath)) {
            List<Path> jars = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
            return Files.isDirectory(classes) ? Stream.concat(Stream.of(classes), jars.stream()).toList() : jars;
        }
    }

    private static void closeQuietly(IsolatingClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing was opened yet that matters
        }
    }
}
