package io.openmessaging.omsconnect.file;

import java.io.Closeable;
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
 * Where a file sink keeps its {@link CommitRecord}s: {@code .<output file name>.commit} in the
 * output's folder, a version line then one record a line; the last whole line is the commit.
 *
 * <p>Why a log and not one record replaced by a rename on each commit: the worker commits every
 * few hundred records (500 by default: 4,000 commits a second at 2 M records/s), and creating,
 * writing and renaming a file costs ~100 µs (3 fsyncs instead of 1 with {@code fsync=true}), which
 * would be half of every second at that rate. Appending a line costs a write, ~1 µs. A crash in the middle of an append leaves a line without its newline, or whose
 * checksum fails, at the end: it is ignored, as the commit it was is (the worker acks after the
 * append returned). The log is rewritten to its last record (temporary file in the same folder,
 * renamed over it, both forced with {@code fsync}) when opened and when it grows past
 * {@link #COMPACT_AT} bytes, so a crash at any moment leaves the old log or the new one.
 */
final class CommitLog implements Closeable {

    static final String VERSION_LINE = "omsconnect file sink commit log, version 1";
    /** A few tens of thousands of commits: rewritten a few times a minute at full speed, read in a millisecond. */
    static final long COMPACT_AT = 1 << 20;

    private final Path path;
    private final Path temporary;
    private final boolean fsync;
    private FileChannel log;
    private long size;

    CommitLog(Path output, boolean fsync) {
        String name = output.getFileName().toString();
        this.path = output.resolveSibling("." + name + ".commit");
        this.temporary = output.resolveSibling("." + name + ".commit.tmp");
        this.fsync = fsync;
    }

    Path path() {
        return path;
    }

    /** The last commit, or empty when there is no log yet; IOException when there is one that cannot be read. */
    Optional<CommitRecord> read() throws IOException {
        String text;
        try {
            // the log is ASCII; read as Latin-1, garbled bytes cannot fail the decoding, only the checksum
            text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        // whole lines only: what follows the last newline is an append a crash cut
        String[] lines = text.substring(0, text.lastIndexOf('\n') + 1).split("\n");
        if (lines.length == 0 || !lines[0].equals(VERSION_LINE)) {
            throw damaged("its first line is not '" + VERSION_LINE + "'");
        }
        CommitRecord last = null;
        for (int i = 1; i < lines.length; i++) {
            try {
                last = CommitRecord.parseLine(lines[i]);
            } catch (IllegalArgumentException e) {
                if (i < lines.length - 1) {
                    throw damaged("line " + (i + 1) + ": " + e.getMessage());
                }
                // the last line garbled (a power loss with fsync=false can leave its bytes unwritten): it was never a commit
            }
        }
        if (last == null) {
            throw damaged("no commit in it");
        }
        return Optional.of(last);
    }

    private IOException damaged(String why) {
        return new IOException("the commit log " + path + " is damaged (" + why + ")");
    }

    /** Replaces the log with one holding {@code record} only, and opens it for {@link #append}. */
    void rewrite(CommitRecord record) throws IOException {
        close();
        ByteBuffer bytes = ByteBuffer.wrap((VERSION_LINE + "\n" + record.toLine()).getBytes(StandardCharsets.UTF_8));
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
        log = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        size = log.size();
    }

    /** Adds {@code record} as the last commit; it is on the disk when this returns if {@code fsync}. */
    void append(CommitRecord record) throws IOException {
        if (log == null) {
            throw new IllegalStateException("the commit log is not open: rewrite() first");
        }
        if (size >= COMPACT_AT) {
            rewrite(record);
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(record.toLine().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            size += log.write(bytes);
        }
        if (fsync) {
            log.force(false); // fdatasync writes the grown size too: it is needed to read the line back
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

    @Override
    public void close() throws IOException {
        if (log != null) {
            FileChannel open = log;
            log = null;
            open.close();
        }
    }
}
