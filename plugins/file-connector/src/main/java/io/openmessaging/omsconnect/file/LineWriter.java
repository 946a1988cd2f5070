package io.openmessaging.omsconnect.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends lines to a file through one large buffer: a line's bytes then {@code \n}. Counts the
 * file's length as it writes, so the sink can commit how many bytes are whole lines. Not
 * thread-safe: the sink task serializes its calls.
 */
final class LineWriter implements Closeable {

    private static final int BUFFER_SIZE = 256 * 1024;
    private static final byte NEWLINE = '\n';

    private final FileChannel channel;
    private final boolean fsync;
    // direct: a heap buffer is copied into a temporary direct one by every channel write
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);

    /** The file's length when opened plus every byte written to it since. */
    private long length;

    private LineWriter(FileChannel channel, boolean fsync) throws IOException {
        this.channel = channel;
        this.fsync = fsync;
        this.length = channel.size();
    }

    /** Opens {@code file} for appending, creating it and its missing parent folders. */
    static LineWriter open(Path file, boolean fsync) throws IOException {
        Path parent = file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileChannel channel = FileChannel.open(file,
            StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        try {
            return new LineWriter(channel, fsync);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Buffers {@code line} (UTF-8, written as is: a line break inside it stays) and a newline. */
    void writeLine(String line) throws IOException {
        writeLine(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Buffers {@code bytes} and a newline. */
    void writeLine(byte[] bytes) throws IOException {
        if (bytes.length < buffer.remaining()) { // the common case: no wrapper, no drain
            buffer.put(bytes).put(NEWLINE);
            return;
        }
        appendLine(ByteBuffer.wrap(bytes));
    }

    /** Buffers the remaining bytes of {@code bytes} (left unchanged) and a newline. */
    void writeLine(ByteBuffer bytes) throws IOException {
        appendLine(bytes.duplicate());
    }

    private void appendLine(ByteBuffer bytes) throws IOException {
        write(bytes);
        if (!buffer.hasRemaining()) {
            drain();
        }
        buffer.put(NEWLINE);
    }

    private void write(ByteBuffer bytes) throws IOException {
        if (bytes.remaining() > buffer.remaining()) {
            drain();
            if (bytes.remaining() > buffer.capacity()) {
                // larger than the buffer: write it straight through
                while (bytes.hasRemaining()) {
                    length += channel.write(bytes);
                }
                return;
            }
        }
        buffer.put(bytes);
    }

    /** Writes the buffered lines to the file, and forces them to the disk when {@code fsync} is set. */
    void flush() throws IOException {
        drain();
        if (fsync) {
            channel.force(false);
        }
    }

    /** The bytes in the file: buffered lines count once written out, so after {@link #flush()} all of them. */
    long length() {
        return length;
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            length += channel.write(buffer);
        }
        buffer.clear();
    }

    /** Closes the file without writing what is buffered: after a failed write, nothing more goes to the file. */
    void discard() throws IOException {
        buffer.clear();
        channel.close();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
