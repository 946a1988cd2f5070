package io.openmessaging.omsconnect.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where a file sink keeps its {@link CommitRecord}: {@code .<output file name>.commit} in the
 * output's folder. Replaced atomically (a temporary file in the same folder, renamed over it), so
 * a crash at any moment leaves either the old record or the new one, never a mix. With
 * {@code fsync} the new record is on the disk before the rename, and the rename before the write
 * returns, so a power loss cannot put back a record older than data the queue was told is safe.
 */
final class CommitRecordFile {

    private final Path path;
    private final Path temporary;
    private final boolean fsync;

    CommitRecordFile(Path output, boolean fsync) {
        String name = output.getFileName().toString();
        this.path = output.resolveSibling("." + name + ".commit");
        this.temporary = output.resolveSibling("." + name + ".commit.tmp");
        this.fsync = fsync;
    }

    Path path() {
        return path;
    }

    /** The record, or empty when there is none yet; IOException when there is one that cannot be read. */
    Optional<CommitRecord> read() throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        try {
            return Optional.of(CommitRecord.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IOException("the commit record " + path + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    void write(CommitRecord record) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(record.toText().getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(temporary,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (fsync) {
                channel.force(false);
            }
        }
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (fsync) {
            forceFolder();
        }
    }

    /** Makes the rename durable: it is an entry of the folder, written when the folder is. */
    private void forceFolder() throws IOException {
        Path folder = path.toAbsolutePath().getParent();
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisSystem) {
            // Windows cannot open a folder as a channel: there the rename is as durable as the file system makes it
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw notOnThisSystem instanceof IOException io ? io : new IOException(notOnThisSystem);
            }
        }
    }
}
