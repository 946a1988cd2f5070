package io.openmessaging.omsconnect.plugin;

import org.pf4j.PluginRepository;

import java.nio.file.Path;
import java.util.List;

/** The plugin entries of {@code pluginsDir} ({@link PluginsDirLayout#pluginEntries()}); zips are not pre-extracted here. */
final class PluginsDirRepository implements PluginRepository {
    private final PluginsDirLayout layout;

    PluginsDirRepository(PluginsDirLayout layout) {
        this.layout = layout;
    }

    @Override
    public List<Path> getPluginPaths() {
        return layout.pluginEntries();
    }

    /** Deletes an entry of {@code pluginsDir}, never a path elsewhere (a pluginPaths entry): that is {@code false}. */
    @Override
    public boolean deletePluginPath(Path pluginPath) {
        if (!layout.holds(pluginPath)) {
            return false;
        }
        PluginsDirLayout.deleteTree(pluginPath);
        new ZipExtractions(layout).delete(pluginPath);
        return true;
    }
}
