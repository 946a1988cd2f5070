package io.openmessaging.omsconnect.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file replaced whole or not at all: the new content goes to a temp file beside it, is fsynced, then
 * renamed over the old one and the folder fsynced. A crash at any point leaves either the old or the new
 * content, never a mix. Leftover temp files from a crash are ignored (and overwritten next time).
 */
public final class AtomicFile {
    private final Path path;
    private final Path temp;

    public AtomicFile(Path path) {
        this.path = path;
        this.temp = path.resolveSibling(path.getFileName() + ".tmp");
    }

    public Path path() {
        return path;
    }

    /** The content, or null when the file does not exist. */
    public byte[] read() throws IOException {
        return Files.exists(path) ? Files.readAllBytes(path) : null;
    }

    public void write(byte[] content) throws IOException {
        Files.createDirectories(path.getParent());
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(path.getParent());
    }

    public void delete() throws IOException {
        Files.deleteIfExists(path);
        Files.deleteIfExists(temp);
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable; not every file system allows opening a folder, which is harmless.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
