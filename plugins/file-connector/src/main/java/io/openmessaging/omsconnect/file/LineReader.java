package io.openmessaging.omsconnect.file;

import java.io.Closeable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Reads the complete lines of a growing file, from a byte position, in large chunks.
 *
 * <p>A line ends with {@code \n}; a {@code \r} before it is dropped. Bytes after the last
 * {@code \n} are kept until their newline arrives, so a line being written is never split, and a
 * last line with no newline is never handed out. Not thread-safe: one task reads.
 */
final class LineReader implements Closeable {

    /** Receives each line and the byte position just after it (where reading resumes). */
    @FunctionalInterface
    interface LineConsumer {
        void accept(String line, long nextPosition);
    }

    private static final int INITIAL_BUFFER = 512 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final Object fileKey;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    /** Unconsumed bytes are buffer[start, end); buffer[start] is at file position {@code position}. */
    private int start;
    private int end;
    /** Bytes before this index hold no newline: a long partial line is not scanned again. */
    private int scanned;
    private long position;

    private LineReader(Path file, FileChannel channel, Object fileKey) {
        this.file = file;
        this.channel = channel;
        this.fileKey = fileKey;
    }

    /** Opens {@code file} at position 0. */
    static LineReader open(Path file) throws IOException, NoSuchFileException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new LineReader(file, channel, fileKeyOf(file));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** The byte position just after the last line handed out. */
    long position() {
        return position;
    }

    /** Continues at {@code newPosition}, which should be the start of a line; buffered bytes are dropped. */
    void seek(long newPosition) {
        position = newPosition;
        start = 0;
        end = 0;
        scanned = 0;
    }

    /** The file's current size. */
    long size() throws IOException {
        return channel.size();
    }

    /** True when the file is shorter than what was read of it: it was truncated (or rewritten). */
    boolean wasTruncated() throws IOException {
        return channel.size() < position + (end - start);
    }

    /**
     * True when the path now names another file than the one open (the file was rotated: moved
     * away and created anew). False when the path is missing or the platform has no file keys.
     */
    boolean wasReplaced() {
        try {
            Object current = fileKeyOf(file);
            return fileKey != null && current != null && !Objects.equals(fileKey, current);
        } catch (IOException gone) {
            return false;
        }
    }

    /**
     * Hands at most {@code max} complete lines to {@code consumer}, reading the file as needed.
     *
     * @return how many lines were handed out; 0 when no complete line is available yet
     */
    int readLines(int max, LineConsumer consumer) throws IOException {
        int count = 0;
        while (count < max) {
            int newline = indexOfNewline(scanned, end);
            if (newline < 0) {
                scanned = end;
                if (!fill()) {
                    break;
                }
                continue;
            }
            int lineEnd = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
            String line = new String(buffer, start, lineEnd - start, StandardCharsets.UTF_8);
            position += newline + 1 - start;
            start = newline + 1;
            scanned = start;
            consumer.accept(line, position);
            count++;
        }
        return count;
    }

    /**
     * The index of the first '\n' in {@code buffer[from, to)}, or -1. Eight bytes at a time (a zero byte of
     * {@code word ^ 0x0a0a…} marks a newline), as a third of the source task's own time went to this loop.
     */
    private int indexOfNewline(int from, int to) {
        byte[] bytes = buffer;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) WORDS.get(bytes, i) ^ NEWLINES;
            long zeroBytes = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (zeroBytes != 0) {
                return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

    /** Reads more of the file after the buffered bytes; false when there is nothing more yet. */
    private boolean fill() throws IOException {
        if (start > 0) {
            int pending = end - start;
            System.arraycopy(buffer, start, buffer, 0, pending);
            scanned -= start;
            start = 0;
            end = pending;
        }
        if (end == buffer.length) {
            // one line longer than the buffer: grow, since it must be handed out whole
            byte[] larger = new byte[buffer.length * 2];
            System.arraycopy(buffer, 0, larger, 0, end);
            buffer = larger;
        }
        int read = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end), position + end);
        if (read <= 0) {
            return false;
        }
        end += read;
        return true;
    }

    private static Object fileKeyOf(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
