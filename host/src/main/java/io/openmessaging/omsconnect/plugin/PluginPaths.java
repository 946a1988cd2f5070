package io.openmessaging.omsconnect.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plugin entries the worker's {@code pluginPaths} names (RocketMQ Connect's key), besides pluginsDir's: a
 * file is one entry; a folder gives the entries at its top level, by pluginsDir's rules ({@link PluginsDirLayout}:
 * jars, zips, tar.gz and folders are entries, other files are stray, hidden ones and READMEs are left alone); a
 * path that does not exist is kept as it is, so that the host shows it as not loaded. The host loads these entries
 * and never writes or deletes them. A path inside pluginsDir is pluginsDir's: it is not listed again here, nor
 * pluginsDir itself.
 */
final class PluginPaths {
    private final List<Path> configured;
    private final PluginsDirLayout pluginsDir;

    /** @param configured absolute paths, as the worker's config resolved them */
    PluginPaths(List<Path> configured, PluginsDirLayout pluginsDir) {
        this.configured = configured.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        this.pluginsDir = pluginsDir;
    }

    List<Path> configured() {
        return configured;
    }

    /** The configured paths that lie in pluginsDir (or are it), whose entries pluginsDir already gives. */
    List<Path> insidePluginsDir() {
        return configured.stream().filter(this::inPluginsDir).toList();
    }

    /** The entries, listed now (a folder's may have changed), in the configured order, each once. */
    List<Path> entries() {
        Set<Path> entries = new LinkedHashSet<>();
        for (Path path : configured) {
            if (inPluginsDir(path)) {
                continue;
            }
            if (Files.isDirectory(path)) {
                PluginsDirLayout folder = new PluginsDirLayout(path);
                entries.addAll(folder.pluginEntries());
                entries.addAll(folder.strayFiles());
            } else {
                entries.add(path);
            }
        }
        entries.removeIf(this::inPluginsDir); // pluginsDir itself, as an entry of a folder that holds it
        return new ArrayList<>(entries);
    }

    private boolean inPluginsDir(Path path) {
        return path.startsWith(pluginsDir.root());
    }
}
