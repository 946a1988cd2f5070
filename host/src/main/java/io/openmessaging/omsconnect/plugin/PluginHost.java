package io.openmessaging.omsconnect.plugin;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The plugins of one worker: each loaded into its own classloader from {@code pluginsDir}, with the
 * components (connectors, tasks, transforms, converters, OMS drivers) discovered inside it.
 * Implementations are thread-safe: install, uninstall and reload are serialized.
 */
public interface PluginHost extends AutoCloseable {

    /** Loads and starts every plugin in {@code pluginsDir} and in the worker's pluginPaths; starts watching {@code pluginsDir} for dropped files. */
    void start();

    List<PluginDescriptorInfo> plugins();

    /** The entries of {@code pluginsDir} and of pluginPaths that are not loaded (or do not exist), with why, in path order. */
    List<NotLoadedPlugin> notLoaded();

    Optional<PluginDescriptorInfo> plugin(String pluginId);

    /** Every component of every started plugin. */
    List<PluginComponent> components();

    /** The component whose class has this name (fully qualified) or alias ({@code @Aliases}), or whose simple name is unique. */
    Optional<PluginComponent> component(String className);

    /**
     * Installs an uploaded archive: staged, validated (readable jar/zip, no entry escaping its folder,
     * at least one discoverable component, id not taken), then moved atomically into {@code pluginsDir}
     * and started. On any failure nothing is left behind.
     *
     * @param fileName the name the file gets in {@code pluginsDir} (its extension tells jar or zip); a file of
     *                 that name that did not load ({@link #notLoaded()}) is replaced, one that did is a conflict
     * @throws PluginException with {@link PluginException#badInput()} true for a bad archive
     */
    PluginDescriptorInfo install(String fileName, InputStream archive);

    /**
     * Stops, unloads and deletes a plugin. Callers stop what uses it first.
     *
     * @throws PluginException CONFLICT for a plugin of pluginPaths, which the worker never deletes (nothing changes)
     */
    void uninstall(String pluginId);

    /**
     * Loads the entries of {@code pluginsDir} and of pluginPaths that are not loaded (new ones the watcher has not
     * reported yet, and those that failed before, tried again); loaded plugins are left as they are.
     *
     * @return the plugins it loaded
     */
    List<PluginDescriptorInfo> rescan();

    /** Unloads and loads a plugin again from its file, e.g. after the file was replaced. */
    PluginDescriptorInfo reload(String pluginId);

    /** Creates an instance of a component class with its plugin's classloader as context loader. */
    <T> T newInstance(String className, Class<T> type);

    /** Listeners hear of plugins loaded and about to be unloaded, e.g. to stop connectors first. */
    void addListener(PluginListener listener);

    @Override
    void close();
}
