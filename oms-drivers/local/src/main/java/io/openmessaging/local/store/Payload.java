package io.openmessaging.local.store;

import java.nio.ByteBuffer;

/** The body of one stored record, as the store frames it; the store never looks inside. */
public interface Payload {

    /** Exact number of bytes {@link #writeTo} puts. */
    int size();

    /** Puts exactly {@link #size()} bytes at {@code target}'s position. */
    void writeTo(ByteBuffer target);
}
