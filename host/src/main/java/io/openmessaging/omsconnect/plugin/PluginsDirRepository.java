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

    @Override
    public boolean deletePluginPath(Path pluginPath) {
        PluginsDirLayout.deleteTree(pluginPath);
        new ZipExtractions(layout).delete(pluginPath);
        return true;
    }
}
