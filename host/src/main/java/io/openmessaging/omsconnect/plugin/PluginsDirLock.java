package io.openmessaging.omsconnect.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes changes to a {@code pluginsDir}'s working folders ({@code .extracted/}, {@code .staging/})
 * among every plugin host that uses the directory: several workers on one machine may share it (as the
 * worker and the raw driver of the benchmark do), and two of them extracting a changed zip at once deleted
 * each other's extraction. Across processes it is an OS file lock on {@code pluginsDir/.lock}, released by
 * the OS if a process dies; within this JVM, where a second file lock on the same file would throw, a lock
 * per directory shared by every host. Reentrant; held only for short file operations.
 */
final class PluginsDirLock {
    static final String FILE_NAME = ".lock";
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock local;

    PluginsDirLock(PluginsDirLayout layout) {
        this.file = layout.root().resolve(FILE_NAME);
        this.local = IN_THIS_JVM.computeIfAbsent(file, f -> new ReentrantLock());
    }

    void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    <T> T call(Supplier<T> action) {
        local.lock();
        try {
            if (local.getHoldCount() > 1) {
                return action.get(); // nested: this thread holds the file lock already
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                if (!Files.isWritable(file.getParent())) {
                    // a read-only pluginsDir: no host can change its working folders, so there is nothing to serialize
                    return action.get();
                }
                throw new UncheckedIOException("Cannot open " + file, e);
            }
            try (channel; FileLock held = lock(channel)) {
                return action.get();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot release " + file, e);
            }
        } finally {
            local.unlock();
        }
    }

    private FileLock lock(FileChannel channel) {
        try {
            return channel.lock();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + file, e);
        }
    }
}
