package io.openmessaging.omsconnect.driversupport.access;

import io.openmessaging.ServiceLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The producers and consumers an access point created, which its {@code shutdown()} must shut down: OMS
 * leaves them to the caller, but a worker that drops an access point must not leak their threads and
 * connections. Thread-safe.
 */
public final class OwnedServices {
    private static final Logger LOG = LoggerFactory.getLogger(OwnedServices.class);

    /** each service with how to tell that it was shut down already */
    private final Map<ServiceLifecycle, BooleanSupplier> services = new LinkedHashMap<>(); // guarded by this

    /** Remembers the service until {@link #shutdownAll()}, or until {@code closed} says it was shut down. */
    public synchronized <T extends ServiceLifecycle> T adopt(T service, BooleanSupplier closed) {
        // forget the services already shut down, so that a long-lived access point does not accumulate them
        services.values().removeIf(BooleanSupplier::getAsBoolean);
        services.put(service, closed);
        return service;
    }

    /** How many are remembered (some may have been shut down since the last {@link #adopt}). */
    public synchronized int size() {
        return services.size();
    }

    /**
     * Shuts down every service, in the order they were adopted, and forgets them. One that fails to shut down
     * does not keep the others up: it is logged and the next one is shut down.
     */
    public synchronized void shutdownAll() {
        for (ServiceLifecycle service : List.copyOf(services.keySet())) {
            try {
                service.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("Shutting down {} failed", service, e);
            }
        }
        services.clear();
    }
}
