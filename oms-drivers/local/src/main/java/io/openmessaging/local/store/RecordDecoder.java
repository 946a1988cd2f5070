package io.openmessaging.local.store;

import java.nio.ByteBuffer;

/** Turns a stored record's payload into a value while the payload is still in the reader's buffer. */
@FunctionalInterface
public interface RecordDecoder<T> {

    /**
     * @param queue   the queue the record is in
     * @param offset  the record's offset (its byte position in the queue)
     * @param payload the payload between position and limit; valid only during this call
     */
    T decode(String queue, long offset, ByteBuffer payload);
}
