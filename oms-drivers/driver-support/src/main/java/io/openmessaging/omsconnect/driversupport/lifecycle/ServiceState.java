package io.openmessaging.omsconnect.driversupport.lifecycle;

import io.openmessaging.exception.OMSRuntimeException;

/**
 * Where an OMS producer or consumer is in its life: made, {@code startup()} called, {@code shutdown()} called.
 * A shut down one stays shut down (a caller makes a new one), and a call it cannot serve says which of the two
 * it is missing, so that a worker's log tells a forgotten startup from a use after shutdown.
 */
public enum ServiceState {
    CREATED, STARTED, CLOSED;

    /** Throws an OMSRuntimeException unless {@link #STARTED}. @param service e.g. {@code Producer p-1} */
    public void checkStarted(String service) {
        checkNotClosed(service);
        if (this != STARTED) {
            throw new OMSRuntimeException("-1", service + " is not started: call startup() first");
        }
    }

    /** Throws an OMSRuntimeException when {@link #CLOSED}: what may be done before startup may not after shutdown. */
    public void checkNotClosed(String service) {
        if (this == CLOSED) {
            throw closed(service);
        }
    }

    /** The failure of a call on a service that is shut down. */
    public static OMSRuntimeException closed(String service) {
        return new OMSRuntimeException("-1", service + " is shut down; create a new one");
    }
}
