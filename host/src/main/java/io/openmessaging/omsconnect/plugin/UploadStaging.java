package io.openmessaging.omsconnect.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code .staging/}: a folder per upload being validated, owned by its install through an OS lock on the
 * folder's {@value #OWNER} file. A host that starts deletes the folders nobody owns any more (left by a
 * crash mid-install), never one of an install still running in another host, of this JVM or another
 * process sharing the directory. Folders and owner files are made and removed under the
 * {@link PluginsDirLock}, so a folder is never seen without its owner.
 */
final class UploadStaging {
    static final String OWNER = ".owner";
    /**
     * Folders owned in this JVM: never probed with a second channel, since closing any channel on a file
     * may drop every lock the JVM holds on it (POSIX record locks belong to the process).
     */
    private static final Set<Path> OWNED_HERE = ConcurrentHashMap.newKeySet();

    private final PluginsDirLayout layout;
    private final PluginsDirLock lock;

    UploadStaging(PluginsDirLayout layout) {
        this.layout = layout;
        this.lock = new PluginsDirLock(layout);
    }

    /** A new folder for one upload, owned until the upload is closed, which deletes it. */
    Upload open() {
        return lock.call(() -> {
            Path folder = layout.staging().resolve(UUID.randomUUID().toString());
            FileChannel owner = null;
            try {
                Files.createDirectories(folder);
                owner = FileChannel.open(folder.resolve(OWNER), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                owner.lock();
                OWNED_HERE.add(folder);
                return new Upload(folder, owner);
            } catch (IOException | RuntimeException e) {
                closeQuietly(owner);
                PluginsDirLayout.deleteTree(folder);
                throw e instanceof IOException io ? new UncheckedIOException("Cannot stage an upload in " + folder, io)
                        : (RuntimeException) e;
            }
        });
    }

    /** Deletes the upload folders no install owns: those of installs that crashed. */
    void deleteAbandoned() {
        Path staging = layout.staging();
        if (!Files.isDirectory(staging)) {
            return;
        }
        lock.run(() -> {
            try (DirectoryStream<Path> folders = Files.newDirectoryStream(staging)) {
                for (Path folder : folders) {
                    if (!OWNED_HERE.contains(folder) && !ownedElsewhere(folder)) {
                        PluginsDirLayout.deleteTree(folder);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + staging, e);
            }
            PluginsDirLayout.deleteIfEmpty(staging);
        });
    }

    /** True while another process holds the folder's owner lock. */
    private static boolean ownedElsewhere(Path folder) {
        Path owner = folder.resolve(OWNER);
        if (!Files.isRegularFile(owner)) {
            return false; // folders get their owner file as they are made: none left means a crash's leftover
        }
        try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (IOException e) {
            return true; // cannot tell: keep it, a later start tries again
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the folder goes anyway
            }
        }
    }

    /** One upload's folder; closing releases its ownership and deletes it. */
    final class Upload implements AutoCloseable {
        private final Path folder;
        private final FileChannel owner;

        private Upload(Path folder, FileChannel owner) {
            this.folder = folder;
            this.owner = owner;
        }

        Path folder() {
            return folder;
        }

        @Override
        public void close() {
            lock.run(() -> {
                OWNED_HERE.remove(folder);
                closeQuietly(owner);
                PluginsDirLayout.deleteTree(folder);
                PluginsDirLayout.deleteIfEmpty(layout.staging());
            });
        }
    }
}
