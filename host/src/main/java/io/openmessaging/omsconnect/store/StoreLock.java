package io.openmessaging.omsconnect.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One worker at a time on a {@code storePathRootDir}: an OS file lock on {@code <store>/.lock}, held from boot
 * to shutdown and released by the OS when the process dies (so a {@code kill -9} leaves no stale lock). Two
 * workers on one store overwrote each other's {@code connectors.json} and ran the same connectors twice; the
 * second one now refuses to start, naming the store and, from what the holder wrote into the lock file, the
 * worker that holds it.
 */
public final class StoreLock implements AutoCloseable {
    static final String FILE_NAME = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code storeRoot} for the worker described by {@code owner} (written into the lock
     * file for whoever finds it taken).
     *
     * @throws StoreLockedException when another worker (process, or worker in this JVM) holds it
     */
    public static StoreLock acquire(Path storeRoot, String owner) {
        Path file = storeRoot.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(storeRoot);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw new StoreLockedException("store " + storeRoot.toAbsolutePath() + " is in use by another worker ("
                        + (holder.isEmpty() ? "holder unknown" : holder) + "); only one worker may use a storePathRootDir:"
                        + " stop that worker or give this one another storePathRootDir");
            }
            channel.truncate(0);
            String text = owner + ", pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + "\n";
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            return new StoreLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock store " + storeRoot.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing: the first error is the one to report
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the store lock: " + e.getMessage(), e);
        }
    }

    /** Another worker holds the store. */
    public static final class StoreLockedException extends RuntimeException {
        StoreLockedException(String message) {
            super(message);
        }
    }
}
