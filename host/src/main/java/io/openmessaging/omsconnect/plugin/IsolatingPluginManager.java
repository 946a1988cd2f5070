package io.openmessaging.omsconnect.plugin;

import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginWrapper;
import org.pf4j.PropertiesPluginDescriptorFinder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * pf4j's manager, assembled from our pieces: descriptor finders that fall through to the file name,
 * one loader for every layout with isolating classloaders, the plugins-dir repository, and zips
 * extracted by {@link ZipExtractions} (never by pf4j's unchecked {@code expandIfZip}). Not thread-safe (as pf4j): the host serializes.
 */
final class IsolatingPluginManager extends DefaultPluginManager {

    IsolatingPluginManager(Path pluginsDir) {
        super(List.of(pluginsDir.toAbsolutePath().normalize()));
    }

    PluginsDirLayout layout() {
        return new PluginsDirLayout(getPluginsRoot());
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return describing();
    }

    /** The finder chain, also used to learn an upload's id before it is moved into place. */
    static PluginDescriptorFinder describing() {
        return new CompoundPluginDescriptorFinder()
                .add(new RequirePluginId(new PropertiesPluginDescriptorFinder() {
                    @Override
                    public boolean isApplicable(Path pluginPath) {
                        // in a jar, pf4j would open a zip file system; jars are described by their manifest
                        return Files.isDirectory(pluginPath) && super.isApplicable(pluginPath);
                    }
                }))
                .add(new RequirePluginId(new ManifestPluginDescriptorFinder()))
                .add(new FileNameDescriptorFinder());
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new IsolatingPluginLoader(this);
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new PluginsDirRepository(new PluginsDirLayout(getPluginsRoot()));
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return new OptionalPluginClassFactory();
    }

    /** A zip is loaded from a fresh, safe extraction of it; everything else from where it is. */
    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        Path path = PluginsDirLayout.isZip(pluginPath) ? new ZipExtractions(layout()).ensureExtracted(pluginPath) : pluginPath;
        return super.loadPluginFromPath(path);
    }
}
