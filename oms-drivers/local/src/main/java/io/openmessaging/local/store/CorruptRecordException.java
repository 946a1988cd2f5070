package io.openmessaging.local.store;

import io.openmessaging.exception.OMSRuntimeException;

/** A stored record failed its length or CRC32C check. */
public class CorruptRecordException extends OMSRuntimeException {

    public CorruptRecordException(String message) {
        super("-1", message);
    }
}
