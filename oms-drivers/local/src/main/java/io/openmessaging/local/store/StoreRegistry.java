package io.openmessaging.local.store;

import io.openmessaging.local.config.LocalDriverConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open stores of this JVM, by canonical folder, with reference counts: every access point on
 * one folder shares one store (and one lock), which closes when the last one lets go.
 */
public final class StoreRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRegistry.class);
    private static final Map<Path, Entry> OPEN = new HashMap<>();

    private static final class Entry {
        final Store store;
        int references;

        Entry(Store store) {
            this.store = store;
        }
    }

    private StoreRegistry() {
    }

    /** The store of {@code config}'s folder, opened if no access point has it open. */
    public static synchronized Store acquire(LocalDriverConfig config) {
        Path canonical = canonical(config.directory());
        Entry entry = OPEN.get(canonical);
        if (entry == null) {
            LocalDriverConfig resolved = new LocalDriverConfig(canonical, config.namespace(), config.segmentBytes(), config.fsync(),
                config.fsyncIntervalMs(), config.offsetFlushIntervalMs(), config.writeBufferBytes());
            entry = new Entry(Store.open(resolved));
            OPEN.put(canonical, entry);
        } else if (!sameOptions(entry.store.config(), config)) {
            LOG.warn("oms:local store {} is already open with {}; ignoring the other options {}", canonical, entry.store.config(), config);
        }
        entry.references++;
        return entry.store;
    }

    /** Lets go of a store; the last release closes it. */
    public static synchronized void release(Store store) {
        Path key = store.config().directory();
        Entry entry = OPEN.get(key);
        if (entry == null || entry.store != store) {
            return;
        }
        if (--entry.references == 0) {
            OPEN.remove(key);
            store.close();
        }
    }

    private static boolean sameOptions(LocalDriverConfig a, LocalDriverConfig b) {
        return a.segmentBytes() == b.segmentBytes() && a.fsync() == b.fsync() && a.fsyncIntervalMs() == b.fsyncIntervalMs()
            && a.offsetFlushIntervalMs() == b.offsetFlushIntervalMs() && a.writeBufferBytes() == b.writeBufferBytes();
    }

    private static Path canonical(Path dir) {
        try {
            Files.createDirectories(dir);
            return dir.toRealPath();
        } catch (IOException e) {
            throw new StoreException("cannot create oms:local store folder " + dir + ": " + e, e);
        }
    }
}
