package io.openmessaging.local.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Reads framed records out of segments through one reusable buffer, so that consecutive small
 * records cost one positional read per buffer-full rather than one per record. Every record's
 * length and CRC32C are checked. Not thread-safe: one per reader.
 */
final class RecordBuffer {

    private static final int DEFAULT_CAPACITY = 256 << 10;

    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocateDirect(DEFAULT_CAPACITY);
    private Segment bufferedSegment;
    private long bufferedFrom;
    private int bufferedLength;
    private int lastLength;

    /**
     * The payload of the record at segment position {@code position}, or null when
     * {@code position == limit}. The returned buffer is valid until the next call.
     *
     * @throws CorruptRecordException when the bytes at {@code position} are not a whole valid
     *                                record below {@code limit}
     */
    ByteBuffer next(Segment segment, long position, long limit) throws IOException {
        buffer.clear(); // the last payload view narrowed the limit
        if (position >= limit) {
            return null;
        }
        if (limit - position < RecordFormat.HEADER_BYTES) {
            throw corrupt(segment, position, "only " + (limit - position) + " bytes left, a record header needs 8");
        }
        int at = ensure(segment, position, RecordFormat.HEADER_BYTES, limit);
        int length = buffer.getInt(at);
        int expectedCrc = buffer.getInt(at + 4);
        if (length < 1 || length > limit - position - RecordFormat.HEADER_BYTES) {
            throw corrupt(segment, position, "bad length " + length);
        }
        at = ensure(segment, position, RecordFormat.HEADER_BYTES + length, limit);
        buffer.limit(at + RecordFormat.HEADER_BYTES + length).position(at + RecordFormat.HEADER_BYTES);
        if (!RecordFormat.crcMatches(buffer, expectedCrc, crc)) {
            buffer.clear();
            throw corrupt(segment, position, "CRC32C mismatch");
        }
        lastLength = length;
        return buffer;
    }

    /** Framed size (header + payload) of the record {@link #next} returned last. */
    int lastRecordBytes() {
        return RecordFormat.HEADER_BYTES + lastLength;
    }

    /** Forgets what is buffered (the segment may have been deleted or truncated). */
    void invalidate() {
        bufferedSegment = null;
        bufferedLength = 0;
    }

    /** Makes bytes [position, position + n) of the segment buffered; returns the buffer index of position. */
    private int ensure(Segment segment, long position, int n, long limit) throws IOException {
        if (segment == bufferedSegment && position >= bufferedFrom && position + n <= bufferedFrom + bufferedLength) {
            return (int) (position - bufferedFrom);
        }
        if (n > buffer.capacity()) {
            buffer = ByteBuffer.allocateDirect(Math.max(n, buffer.capacity() * 2));
        }
        int length = (int) Math.min(buffer.capacity(), limit - position);
        buffer.clear().limit(length);
        bufferedSegment = null;
        segment.readFully(buffer, position);
        buffer.clear();
        bufferedSegment = segment;
        bufferedFrom = position;
        bufferedLength = length;
        return 0;
    }

    private static CorruptRecordException corrupt(Segment segment, long position, String why) {
        return new CorruptRecordException("corrupt record in " + segment.file() + " at queue offset "
            + (segment.base() + position) + ": " + why);
    }
}
