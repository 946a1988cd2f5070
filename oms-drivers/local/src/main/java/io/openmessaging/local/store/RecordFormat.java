package io.openmessaging.local.store;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of a record: {@code [int payload length][int CRC32C of the payload][payload]},
 * big-endian. A record's offset is its byte position in the queue, so the next record's offset is
 * {@code offset + HEADER_BYTES + length}.
 */
final class RecordFormat {

    static final int HEADER_BYTES = 8;

    private RecordFormat() {
    }

    /** Frames {@code payload} at {@code target}'s position, using (and resetting) {@code crc}. */
    static void frame(ByteBuffer target, Payload payload, CRC32C crc) {
        int start = target.position();
        int size = payload.size();
        target.putInt(size).putInt(0);
        payload.writeTo(target);
        int end = target.position();
        if (end - start - HEADER_BYTES != size) {
            throw new IllegalStateException("payload wrote " + (end - start - HEADER_BYTES) + " bytes, announced " + size);
        }
        int limit = target.limit();
        target.position(start + HEADER_BYTES).limit(end);
        crc.reset();
        crc.update(target);
        target.limit(limit).position(end);
        target.putInt(start + 4, (int) crc.getValue());
    }

    /** Whether the payload between {@code payload}'s position and limit has checksum {@code expected}; keeps the position. */
    static boolean crcMatches(ByteBuffer payload, int expected, CRC32C crc) {
        int position = payload.position();
        crc.reset();
        crc.update(payload);
        payload.position(position);
        return (int) crc.getValue() == expected;
    }
}
