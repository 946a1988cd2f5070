package io.openmessaging.local.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One append-only file of a queue, named by the queue offset of its first byte. Readers see only
 * the published size, which the writer advances after each completed write, so a reader never
 * sees half a record.
 */
final class Segment {

    private static final String SUFFIX = ".seg";

    private final long base;
    private final Path file;
    private final FileChannel channel;
    private volatile long size;

    private Segment(long base, Path file, FileChannel channel, long size) {
        this.base = base;
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    static Segment create(Path dir, long base) throws IOException {
        Path file = dir.resolve(fileName(base));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Segment(base, file, channel, channel.size());
    }

    static Segment open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Segment(baseOf(file), file, channel, channel.size());
    }

    static boolean isSegment(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) && name.length() == 20 + SUFFIX.length() && Files.isRegularFile(file);
    }

    static long baseOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    static String fileName(long base) {
        return String.format("%020d%s", base, SUFFIX);
    }

    long base() {
        return base;
    }

    /** Bytes readers may read. */
    long size() {
        return size;
    }

    long end() {
        return base + size;
    }

    Path file() {
        return file;
    }

    void publish(long newSize) {
        size = newSize;
    }

    /** Writes all of {@code source} at segment position {@code position}. */
    void write(ByteBuffer source, long position) throws IOException {
        long at = position;
        while (source.hasRemaining()) {
            at += channel.write(source, at);
        }
    }

    /** Reads exactly {@code target.remaining()} bytes from segment position {@code position}. */
    void readFully(ByteBuffer target, long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int n = channel.read(target, at);
            if (n < 0) {
                throw new IOException(file + ": unexpected end of file at " + at);
            }
            at += n;
        }
    }

    long fileSize() throws IOException {
        return channel.size();
    }

    void truncate(long newSize) throws IOException {
        channel.truncate(newSize);
        size = newSize;
    }

    void force() throws IOException {
        channel.force(false);
    }

    void close() throws IOException {
        channel.close();
    }
}
