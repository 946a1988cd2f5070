package io.openmessaging.omsconnect.file;

import io.openmessaging.connector.api.errors.ConnectException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per output file: an exclusive OS lock on {@code .<output file name>.lock} beside it, held from
 * the sink task's start to its stop. A second task that would write the same file (the next run of the
 * task started on another worker while this one has not finished stopping: a process frozen mid-call and
 * thawed, a stop that outlives its worker's lease) waits for it instead of cutting and overwriting what
 * the first one is still committing. The OS drops the lock when the process dies. Not in the commit log's
 * own file: that one is replaced by renames.
 */
final class OutputLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock if no other task holds it.
     *
     * @return the lock, or null while another task (in this process or another) holds it
     * @throws ConnectException when the lock file cannot be opened or locked
     */
    static OutputLock tryAcquire(Path output) {
        Path path = lockFile(output);
        FileChannel channel;
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ConnectException("cannot open " + path + " to lock " + output + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                closeQuietly(channel);
                return null;
            }
            return new OutputLock(channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new ConnectException("cannot lock " + path + ": " + e.getMessage(), e);
        }
    }

    static Path lockFile(Path output) {
        return output.resolveSibling("." + output.getFileName() + ".lock");
    }

    /** The lock, or null while another holds it (another process, or another task in this one). */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked through it
        }
    }
}
