package io.openmessaging.omsconnect.plugin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches {@code pluginsDir} on a named daemon thread and reports plugin entries that appeared (once
 * they are stable: same size for {@link #STABLE_MILLIS}, so a file still being copied is not loaded
 * half-written) and entries that disappeared: plugin entries and stray files alike, as the host lists a stray
 * file as not loaded. Hidden entries ({@code .staging}, {@code .extracted}) and READMEs are ignored. What to do
 * about an entry is the listener's business.
 */
final class PluginsDirWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PluginsDirWatcher.class);
    static final long STABLE_MILLIS = 500;
    private static final long POLL_MILLIS = 100;

    private record Pending(long size, long sinceNanos) {
    }

    private final PluginsDirLayout layout;
    private final Consumer<Path> appeared;
    private final Consumer<Path> disappeared;
    private final WatchService watchService;
    private final Thread thread;
    private final Map<Path, Pending> pending = new HashMap<>(); // watcher thread only

    PluginsDirWatcher(PluginsDirLayout layout, Consumer<Path> appeared, Consumer<Path> disappeared) throws IOException {
        this.layout = layout;
        this.appeared = appeared;
        this.disappeared = disappeared;
        this.watchService = FileSystems.getDefault().newWatchService();
        layout.root().register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = new Thread(this::run, "plugins-dir-watcher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watchService.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        onEvent(event);
                    }
                    key.reset();
                }
                reportStable();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Plugins directory watcher stopped", e);
        }
    }

    private void onEvent(WatchEvent<?> event) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW || !(event.context() instanceof Path name)) {
            return;
        }
        Path path = layout.root().resolve(name);
        if (name.toString().startsWith(".")) {
            return;
        }
        if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
            pending.remove(path);
            safely(disappeared, path);
        } else {
            pending.put(path, new Pending(-1, System.nanoTime()));
        }
    }

    private void reportStable() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Path, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Pending> entry = it.next();
            Path path = entry.getKey();
            if (!Files.exists(path)) {
                it.remove();
                continue;
            }
            long size = sizeOf(path);
            if (size != entry.getValue().size()) {
                entry.setValue(new Pending(size, now));
            } else if (now - entry.getValue().sinceNanos() >= TimeUnit.MILLISECONDS.toNanos(STABLE_MILLIS)) {
                it.remove();
                if (layout.isPluginEntry(path) || layout.isStrayFile(path)) {
                    safely(appeared, path);
                }
            }
        }
    }

    private static long sizeOf(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            // count entries too: a folder being filled with empty files still changes
            return walk.mapToLong(p -> {
                try {
                    return 1 + (Files.isRegularFile(p) ? Files.size(p) : 0);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -2; // vanishing while walked: not stable yet
        }
    }

    private static void safely(Consumer<Path> action, Path path) {
        try {
            action.accept(path);
        } catch (RuntimeException e) {
            log.warn("Plugin entry {}: {}", path.getFileName(), e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watchService.close();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (IOException e) {
            log.warn("Cannot close the plugins directory watch service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
