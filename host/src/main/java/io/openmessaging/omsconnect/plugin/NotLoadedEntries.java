package io.openmessaging.omsconnect.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The entries of {@code pluginsDir} and of pluginPaths that are not loaded, by path. Kept so that
 * {@code GET /plugins} shows them, and so that each is logged once: the watcher reports an entry again every time
 * it changes, and a retry that fails the same way is no news. Changed under the host's lock; read lock-free.
 */
final class NotLoadedEntries {
    private final Map<Path, NotLoadedPlugin> byPath = new TreeMap<>(); // guarded by the host's lock
    private volatile List<NotLoadedPlugin> view = List.of();

    /** @return whether this is news: the entry was loaded, unknown, or not loaded for another reason */
    boolean add(Path entry, String reason) {
        NotLoadedPlugin before = byPath.put(entry, new NotLoadedPlugin(entry, reason));
        view = List.copyOf(byPath.values());
        return before == null || !Objects.equals(before.reason(), reason);
    }

    /** The entry loaded or is gone. */
    void remove(Path entry) {
        if (byPath.remove(entry) != null) {
            view = List.copyOf(byPath.values());
        }
    }

    boolean contains(Path entry) {
        return byPath.containsKey(entry);
    }

    /** In file name order. */
    List<NotLoadedPlugin> list() {
        return view;
    }
}
