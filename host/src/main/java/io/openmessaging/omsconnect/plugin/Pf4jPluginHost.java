package io.openmessaging.omsconnect.plugin;

import io.openmessaging.omsconnect.plugin.PluginException.Reason;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link PluginHost} over pf4j: {@link IsolatingPluginManager} loads every plugin entry of
 * {@code pluginsDir}, then those of {@link PluginPaths}, into its own {@link IsolatingClassLoader};
 * {@link ComponentScanner} and {@link ComponentVerifier} find its components; {@link PluginsDirWatcher} picks up
 * entries dropped into or deleted from {@code pluginsDir} while running. Entries of {@code pluginPaths} are
 * read-only: loaded and reloaded, never uninstalled. Entries that do not load, stray files and pluginPaths entries
 * that do not exist are kept with the reason ({@link #notLoaded()}) and logged once. Every change (boot, install,
 * uninstall, reload, watcher) runs under one lock, as pf4j is not thread-safe; reads ({@link #components()},
 * {@link #component(String)}…) are lock-free over an immutable snapshot published after each change.
 */
public final class Pf4jPluginHost implements PluginHost {
    private static final Logger log = LoggerFactory.getLogger(Pf4jPluginHost.class);

    /** Default upload limit; the RocketMQ 5.5 driver zip is ~70 MB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 512L << 20;
    /**
     * How long an unloading plugin's threads get to end before they are interrupted, and then after it. Three
     * seconds: Netty's graceful shutdown (RocketMQ's client uses it) ends its event loops after a quiet period
     * of two; with one, its NettyClientWorkerThreads were still running.
     */
    private static final java.time.Duration PLUGIN_THREADS_GRACE = java.time.Duration.ofSeconds(3);
    private static final java.time.Duration PLUGIN_THREADS_AFTER_INTERRUPT = java.time.Duration.ofSeconds(1);
    private static final String NOT_A_PLUGIN =
            "not a plugin file: plugins are .jar, .zip, .tar.gz or .tgz files and folders";
    private static final String MISSING = "no such file or folder (named by pluginPaths)";

    /** What readers see; replaced as a whole after every change. */
    private record Snapshot(List<PluginDescriptorInfo> plugins, Map<String, PluginComponent> byClassName,
                            Map<String, PluginComponent> byAlias, Map<String, List<PluginComponent>> bySimpleName) {
        static final Snapshot EMPTY = new Snapshot(List.of(), Map.of(), Map.of(), Map.of());
    }

    private final PluginsDirLayout layout;
    private final PluginPaths pluginPaths;
    private final long maxUploadBytes;
    private final IsolatingPluginManager manager;
    private final ComponentScanner scanner = new ComponentScanner();
    private final ZipExtractions extractions;
    private final UploadStaging staging;
    private final PluginsDirLock dirLock;
    private final PluginThreads threads;
    private final List<PluginListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final Map<String, PluginDescriptorInfo> loaded = new LinkedHashMap<>(); // guarded by lock
    private final NotLoadedEntries notLoaded = new NotLoadedEntries(); // changed under lock
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private PluginsDirWatcher watcher; // guarded by lock
    private boolean started; // guarded by lock
    private boolean closed; // guarded by lock

    /** @param pluginsDir the plugins directory; created if missing */
    public Pf4jPluginHost(Path pluginsDir) {
        this(pluginsDir, DEFAULT_MAX_UPLOAD_BYTES, List.of());
    }

    /** @param pluginPaths more plugin entries (files, or folders of them), loaded but never changed: {@link PluginPaths} */
    public Pf4jPluginHost(Path pluginsDir, List<Path> pluginPaths) {
        this(pluginsDir, DEFAULT_MAX_UPLOAD_BYTES, pluginPaths);
    }

    /** @param maxUploadBytes uploads larger than this are refused with BAD_ARCHIVE */
    public Pf4jPluginHost(Path pluginsDir, long maxUploadBytes) {
        this(pluginsDir, maxUploadBytes, List.of());
    }

    private Pf4jPluginHost(Path pluginsDir, long maxUploadBytes, List<Path> pluginPaths) {
        this.layout = new PluginsDirLayout(pluginsDir);
        this.pluginPaths = new PluginPaths(pluginPaths, layout);
        this.maxUploadBytes = maxUploadBytes;
        this.manager = new IsolatingPluginManager(layout.root());
        this.extractions = new ZipExtractions(layout);
        this.staging = new UploadStaging(layout);
        this.dirLock = new PluginsDirLock(layout);
        this.threads = new PluginThreads(PLUGIN_THREADS_GRACE, PLUGIN_THREADS_AFTER_INTERRUPT);
    }

    public Path pluginsDir() {
        return layout.root();
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (started || closed) {
                return;
            }
            started = true;
            try {
                Files.createDirectories(layout.root());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + layout.root(), e);
            }
            // leftovers of a crash mid-install, and extractions of zips deleted while we were down; done
            // under the directory's lock, which also creates its lock file now rather than at a first install
            dirLock.run(() -> {
                staging.deleteAbandoned();
                extractions.pruneOrphans();
            });
            for (Path entry : layout.pluginEntries()) {
                try {
                    loadAndAnnounce(entry);
                } catch (PluginException e) {
                    // kept and logged by loadAndAnnounce
                }
            }
            for (Path stray : layout.strayFiles()) {
                notLoaded(stray, NOT_A_PLUGIN);
            }
            for (Path inside : pluginPaths.insidePluginsDir()) {
                log.warn("pluginPaths entry {} is pluginsDir {} or lies in it: its plugins are pluginsDir's", inside,
                        layout.root());
            }
            pluginPaths.entries().forEach(this::offerFromPluginPaths);
            log.info("Loaded {} plugins with {} components from {}{}{}", loaded.size(), snapshot.byClassName().size(),
                    layout.root(), pluginPaths.configured().isEmpty() ? "" : " and pluginPaths " + pluginPaths.configured(),
                    notLoaded.list().isEmpty() ? "" : "; " + notLoaded.list().size() + " entries not loaded");
            try {
                watcher = new PluginsDirWatcher(layout, this::entryAppeared, this::entryDisappeared);
                watcher.start();
            } catch (IOException e) {
                log.warn("Cannot watch {}: plugins dropped there are picked up at the next start only", layout.root(), e);
            }
        }
    }

    @Override
    public List<PluginDescriptorInfo> plugins() {
        return snapshot.plugins();
    }

    @Override
    public List<NotLoadedPlugin> notLoaded() {
        return notLoaded.list();
    }

    @Override
    public Optional<PluginDescriptorInfo> plugin(String pluginId) {
        return snapshot.plugins().stream().filter(p -> p.id().equals(pluginId)).findFirst();
    }

    @Override
    public List<PluginComponent> components() {
        return List.copyOf(snapshot.byClassName().values());
    }

    @Override
    public Optional<PluginComponent> component(String className) {
        Snapshot current = snapshot;
        PluginComponent exact = current.byClassName().get(className);
        if (exact != null) {
            return Optional.of(exact);
        }
        PluginComponent aliased = current.byAlias().get(className);
        if (aliased != null) {
            return Optional.of(aliased);
        }
        List<PluginComponent> bySimple = current.bySimpleName().getOrDefault(className, List.of());
        return bySimple.size() == 1 ? Optional.of(bySimple.get(0)) : Optional.empty();
    }

    @Override
    public PluginDescriptorInfo install(String fileName, InputStream archive) {
        String name = UploadName.sanitize(fileName);
        synchronized (lock) {
            if (closed) {
                throw new PluginException(Reason.LOAD_FAILED, "The plugin host is closed");
            }
            Path target = layout.root().resolve(name);
            // a file of that name that did not load may be replaced: the upload is its fix
            boolean replaces = notLoaded.contains(target) && Files.isRegularFile(target);
            if (Files.exists(target) && !replaces) {
                throw new PluginException(Reason.CONFLICT, "A plugin file named " + name + " already exists");
            }
            boolean moved = false;
            try (UploadStaging.Upload upload = staging.open()) {
                Path staged = upload.folder().resolve(name);
                BoundedCopy.copy(archive, staged, maxUploadBytes, "Upload larger than " + maxUploadBytes + " bytes");
                Validated validated = validate(staged);
                if (replaces) {
                    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
                }
                moved = true;
                if (validated.extracted() != null) { // no second expansion nor scan of a big zip
                    extractions.adopt(target, validated.extracted());
                    extractions.keepCandidates(target, validated.candidates());
                }
                PluginDescriptorInfo info = load(target);
                if (info.components().isEmpty()) {
                    unload(info, false);
                    throw new PluginException(Reason.BAD_ARCHIVE, name + " has no component the host can use");
                }
                announceLoaded(info);
                log.info("Installed plugin {} {} from {} ({} components)", info.id(), info.version(), name, info.components().size());
                return info;
            } catch (PluginException e) {
                rollBack(moved, target);
                throw e;
            } catch (IOException | RuntimeException e) {
                rollBack(moved, target);
                throw new PluginException(Reason.LOAD_FAILED, "Cannot install " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** What validating an upload learned: where a zip was extracted to (else null), and its candidates. */
    private record Validated(Path extracted, List<ComponentScanner.Candidate> candidates) {
    }

    /** Checks a staged upload without loading it. */
    private Validated validate(Path staged) throws IOException {
        SafeZip.check(staged);
        Path describable = staged;
        if (PluginsDirLayout.isZip(staged)) {
            describable = staged.resolveSibling(layout.extractedFolderOf(staged).getFileName());
            SafeZip.extract(staged, describable);
        }
        PluginDescriptor descriptor;
        try {
            descriptor = IsolatingPluginManager.describing().find(describable);
        } catch (PluginRuntimeException e) {
            throw new PluginException(Reason.BAD_ARCHIVE, staged.getFileName() + " cannot be described: " + e.getMessage(), e);
        }
        if (loaded.containsKey(descriptor.getPluginId()) || manager.getPlugin(descriptor.getPluginId()) != null) {
            throw new PluginException(Reason.CONFLICT, "Plugin " + descriptor.getPluginId() + " is already loaded");
        }
        List<ComponentScanner.Candidate> candidates = scanner.scan(toUrls(IsolatingPluginLoader.classpathOf(describable)));
        if (candidates.isEmpty()) {
            throw new PluginException(Reason.BAD_ARCHIVE, staged.getFileName()
                    + " holds no connector, transform, converter or OMS driver");
        }
        return new Validated(describable == staged ? null : describable, candidates);
    }

    private void rollBack(boolean moved, Path target) {
        try {
            if (moved) {
                PluginsDirLayout.deleteTree(target);
                notLoaded.remove(target); // it replaced a file that had not loaded: that one is gone too
            }
            deleteExtraction(target);
        } catch (RuntimeException e) {
            log.error("Could not roll back the install of {}", target.getFileName(), e);
        }
    }

    @Override
    public void uninstall(String pluginId) {
        synchronized (lock) {
            PluginDescriptorInfo info = require(pluginId);
            if (!layout.holds(info.path())) {
                throw new PluginException(Reason.CONFLICT, "plugin " + pluginId + " comes from pluginPaths (" + info.path()
                        + "), which the worker never deletes: take it out of pluginPaths and restart the worker");
            }
            unload(info, true);
            PluginsDirLayout.deleteTree(info.path());
            deleteExtraction(info.path());
            log.info("Uninstalled plugin {}", pluginId);
        }
    }

    @Override
    public PluginDescriptorInfo reload(String pluginId) {
        synchronized (lock) {
            PluginDescriptorInfo info = require(pluginId);
            unload(info, true);
            return loadAndAnnounce(info.path());
        }
    }

    @Override
    public <T> T newInstance(String className, Class<T> type) {
        PluginComponent component = component(className)
                .orElseThrow(() -> new PluginException(Reason.NOT_FOUND, "No plugin offers " + className));
        try (LoaderSwap ignored = LoaderSwap.to(component.loader())) {
            Class<?> cls = Class.forName(component.className(), true, component.loader());
            if (!type.isAssignableFrom(cls)) {
                throw new PluginException(Reason.NOT_FOUND, className + " is not a " + type.getSimpleName());
            }
            return type.cast(cls.getConstructor().newInstance());
        } catch (InvocationTargetException e) {
            throw new PluginException(Reason.LOAD_FAILED, "Constructor of " + className + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            if (e instanceof PluginException pe) {
                throw pe;
            }
            throw new PluginException(Reason.LOAD_FAILED, "Cannot instantiate " + className + ": " + e, e);
        }
    }

    @Override
    public void addListener(PluginListener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        PluginsDirWatcher toClose;
        synchronized (lock) {
            toClose = watcher;
            watcher = null;
        }
        if (toClose != null) {
            toClose.close(); // outside the lock: the watcher thread may be waiting for it
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            List<PluginDescriptorInfo> all = new ArrayList<>(loaded.values());
            java.util.Collections.reverse(all);
            for (PluginDescriptorInfo info : all) {
                unload(info, true);
            }
        }
    }

    // ---- the watcher's side

    @Override
    public List<PluginDescriptorInfo> rescan() {
        synchronized (lock) {
            java.util.Set<String> before = java.util.Set.copyOf(loaded.keySet());
            for (Path entry : layout.pluginEntries()) {
                entryAppeared(entry);
            }
            for (Path stray : layout.strayFiles()) {
                entryAppeared(stray);
            }
            pluginPaths.entries().forEach(this::offerFromPluginPaths);
            return loaded.values().stream().filter(p -> !before.contains(p.id())).toList();
        }
    }

    /** The watcher's report of an entry that appeared or changed (package-private: tests report one again). */
    void entryAppeared(Path path) {
        synchronized (lock) {
            if (closed || isLoaded(path)) {
                return; // ours (an install moved it in) or already known
            }
            if (!Files.exists(path)) {
                return; // gone while we waited for the lock, e.g. an install that failed rolled it back
            }
            offer(path, layout.isPluginEntry(path)).ifPresent(info ->
                    log.info("Loaded dropped plugin {} {} from {}", info.id(), info.version(), path.getFileName()));
        }
    }

    /** An entry of pluginPaths, at start or at a rescan: one that does not exist is kept as not loaded. */
    private void offerFromPluginPaths(Path entry) {
        if (isLoaded(entry)) {
            return;
        }
        if (!Files.exists(entry)) {
            notLoaded(entry, MISSING);
            return;
        }
        offer(entry, PluginsDirLayout.isPluginFile(entry));
    }

    /** Loads an entry that is a plugin file; one that is not, or fails to load, is kept as not loaded. */
    private Optional<PluginDescriptorInfo> offer(Path entry, boolean pluginFile) {
        if (!pluginFile) {
            notLoaded(entry, NOT_A_PLUGIN);
            return Optional.empty();
        }
        try {
            return Optional.of(loadAndAnnounce(entry));
        } catch (PluginException e) {
            return Optional.empty(); // kept and logged by loadAndAnnounce
        }
    }

    private boolean isLoaded(Path entry) {
        return loaded.values().stream().anyMatch(p -> p.path().equals(entry));
    }

    private void entryDisappeared(Path path) {
        synchronized (lock) {
            if (closed || Files.exists(path)) {
                return; // deleted and already back (a reinstall): the event is stale
            }
            notLoaded.remove(path);
            for (PluginDescriptorInfo info : List.copyOf(loaded.values())) {
                if (info.path().equals(path)) {
                    unload(info, true);
                    deleteExtraction(path);
                    log.info("Unloaded plugin {}: {} was deleted", info.id(), path.getFileName());
                }
            }
        }
    }

    // ---- loading and unloading, always under the lock

    /** Loads an entry of the directory; one that fails is kept as not loaded (and logged when that is news). */
    private PluginDescriptorInfo loadAndAnnounce(Path entry) {
        PluginDescriptorInfo info;
        try {
            info = load(entry);
        } catch (PluginException e) {
            notLoaded(entry, e.getMessage());
            throw e;
        }
        announceLoaded(info);
        return info;
    }

    /** Keeps why an entry is not loaded; logs it unless it was already kept for that reason (pluginPaths' by their path). */
    private void notLoaded(Path entry, String reason) {
        if (notLoaded.add(entry, reason)) {
            log.warn("Plugin entry {} not loaded: {}", layout.holds(entry) ? entry.getFileName() : entry, reason);
        }
    }

    private PluginDescriptorInfo load(Path entry) {
        String id;
        try {
            id = manager.loadPlugin(entry);
        } catch (PluginException e) {
            deleteExtraction(entry);
            throw e;
        } catch (RuntimeException e) {
            deleteExtraction(entry);
            Reason reason = String.valueOf(e.getMessage()).contains("already loaded") ? Reason.CONFLICT : Reason.LOAD_FAILED;
            throw new PluginException(reason, "Cannot load " + entry.getFileName() + ": " + e.getMessage(), e);
        }
        PluginWrapper wrapper = manager.getPlugin(id);
        try {
            PluginState state = manager.startPlugin(id);
            if (state != PluginState.STARTED) {
                throw new PluginException(Reason.LOAD_FAILED, "Plugin " + id + " did not start (" + state + ")",
                        wrapper.getFailedException());
            }
            IsolatingClassLoader loader = (IsolatingClassLoader) wrapper.getPluginClassLoader();
            String version = wrapper.getDescriptor().getVersion();
            List<PluginComponent> components = ComponentVerifier.verify(candidates(entry, loader), id, version, loader);
            PluginDescriptorInfo info = new PluginDescriptorInfo(id, version, entry, kindOf(wrapper, entry),
                    state.toString(), components);
            loaded.put(id, info);
            notLoaded.remove(entry);
            publish();
            return info;
        } catch (IOException | RuntimeException e) {
            unloadFromPf4j(id);
            deleteExtraction(entry);
            if (e instanceof PluginException pe) {
                throw pe;
            }
            throw new PluginException(Reason.LOAD_FAILED, "Cannot load " + entry.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private List<ComponentScanner.Candidate> candidates(Path entry, IsolatingClassLoader loader) throws IOException {
        if (!ZipExtractions.isZipName(entry)) {
            return scanner.scan(loader.classpath());
        }
        Optional<List<ComponentScanner.Candidate>> kept = extractions.candidates(entry);
        if (kept.isPresent()) {
            return kept.get();
        }
        List<ComponentScanner.Candidate> scanned = scanner.scan(loader.classpath());
        extractions.keepCandidates(entry, scanned);
        return scanned;
    }

    private void unload(PluginDescriptorInfo info, boolean announce) {
        if (announce) {
            for (PluginListener listener : listeners) {
                try {
                    listener.pluginUnloading(info);
                } catch (RuntimeException e) {
                    log.error("Listener failed on unloading plugin {}", info.id(), e);
                }
            }
        }
        loaded.remove(info.id());
        publish();
        unloadFromPf4j(info.id());
    }

    /**
     * Stops then unloads one plugin (never pf4j's stopPlugins(): pf4j#656); pf4j closes its classloader, once
     * the threads still running the plugin's code ended (see {@link PluginThreads}).
     */
    private void unloadFromPf4j(String id) {
        PluginWrapper wrapper = manager.getPlugin(id);
        try {
            if (wrapper != null && wrapper.getPluginState() == PluginState.STARTED) {
                manager.stopPlugin(id);
            }
        } catch (RuntimeException e) {
            log.warn("Plugin {} failed to stop: {}", id, e.toString());
        }
        if (wrapper != null && wrapper.getPluginClassLoader() instanceof IsolatingClassLoader loader) {
            try {
                threads.awaitEnd(id, loader);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // unload at once: the caller is being stopped
            }
        }
        try {
            manager.unloadPlugin(id);
        } catch (RuntimeException e) {
            log.warn("Plugin {} failed to unload cleanly: {}", id, e.toString());
        }
    }

    private void announceLoaded(PluginDescriptorInfo info) {
        for (PluginListener listener : listeners) {
            try {
                listener.pluginLoaded(info);
            } catch (RuntimeException e) {
                log.error("Listener failed on loaded plugin {}", info.id(), e);
            }
        }
    }

    private void publish() {
        List<PluginDescriptorInfo> plugins = List.copyOf(loaded.values());
        Map<String, PluginComponent> byClass = new LinkedHashMap<>();
        Map<String, List<PluginComponent>> bySimple = new HashMap<>();
        for (PluginDescriptorInfo plugin : plugins) {
            for (PluginComponent component : plugin.components()) {
                if (byClass.putIfAbsent(component.className(), component) != null) {
                    log.warn("{} is offered by plugins {} and {}; using {}", component.className(),
                            byClass.get(component.className()).pluginId(), plugin.id(), byClass.get(component.className()).pluginId());
                    continue;
                }
                String simple = component.className().substring(component.className().lastIndexOf('.') + 1);
                bySimple.computeIfAbsent(simple, k -> new ArrayList<>()).add(component);
            }
        }
        Map<String, PluginComponent> byAlias = new HashMap<>();
        for (PluginComponent component : byClass.values()) {
            for (String alias : component.aliases()) {
                // a real class of a loaded plugin wins over an alias; among aliases the first loaded keeps it
                PluginComponent holder = byClass.containsKey(alias) ? byClass.get(alias) : byAlias.putIfAbsent(alias, component);
                if (holder != null && holder != component) {
                    log.warn("{} of plugin {} cannot also be called {}: that is {} of plugin {}", component.className(),
                            component.pluginId(), alias, holder.className(), holder.pluginId());
                }
            }
        }
        Map<String, List<PluginComponent>> frozenSimple = new HashMap<>();
        bySimple.forEach((k, v) -> frozenSimple.put(k, List.copyOf(v)));
        snapshot = new Snapshot(plugins, java.util.Collections.unmodifiableMap(byClass), Map.copyOf(byAlias), Map.copyOf(frozenSimple));
    }

    private PluginDescriptorInfo require(String pluginId) {
        PluginDescriptorInfo info = loaded.get(pluginId);
        if (info == null) {
            throw new PluginException(Reason.NOT_FOUND, "No plugin " + pluginId);
        }
        return info;
    }

    /** Deletes what loading a zip extracted, and {@code .extracted/} itself once empty. */
    private void deleteExtraction(Path entry) {
        if (ZipExtractions.isZipName(entry)) {
            extractions.delete(entry);
        }
    }

    private static String kindOf(PluginWrapper wrapper, Path entry) {
        boolean plain = wrapper.getDescriptor() instanceof FileNameDescriptorFinder.Synthesized;
        if (PluginsDirLayout.isZip(entry)) {
            return plain ? "plain-zip" : "pf4j-zip";
        }
        if (Files.isDirectory(entry)) {
            return plain ? "plain-folder" : "pf4j-folder";
        }
        return plain ? "plain-jar" : "pf4j-jar";
    }

    private static List<java.net.URL> toUrls(List<Path> paths) throws IOException {
        List<java.net.URL> urls = new ArrayList<>();
        for (Path path : paths) {
            urls.add(path.toUri().toURL());
        }
        return urls;
    }
}
