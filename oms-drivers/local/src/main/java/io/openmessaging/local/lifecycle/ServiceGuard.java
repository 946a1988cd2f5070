package io.openmessaging.local.lifecycle;

import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.local.store.Store;

/** Refuses work once a producer or consumer, or the store under it, is shut down. */
public final class ServiceGuard {

    private final String what;
    private final Store store;
    private volatile boolean closed;

    public ServiceGuard(String what, Store store) {
        this.what = what;
        this.store = store;
    }

    /** @throws OMSRuntimeException when shut down */
    public void check() {
        if (closed) {
            throw new OMSRuntimeException("-1", what + " is shut down");
        }
        if (store.isClosed()) {
            throw new OMSRuntimeException("-1", what + " cannot work: its access point is shut down");
        }
    }

    /** Marks it shut down; true the first time. */
    public synchronized boolean close() {
        boolean first = !closed;
        closed = true;
        return first;
    }
}
