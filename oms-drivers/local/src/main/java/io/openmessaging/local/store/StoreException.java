package io.openmessaging.local.store;

import io.openmessaging.exception.OMSRuntimeException;

/** The store could not do what was asked: an I/O failure, a closed store, a locked directory. */
public class StoreException extends OMSRuntimeException {

    public StoreException(String message) {
        super("-1", message);
    }

    public StoreException(String message, Throwable cause) {
        super("-1", message, cause);
    }
}
