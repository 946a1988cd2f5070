package io.openmessaging.omsconnect.store;

import java.util.List;
import java.util.Optional;

/**
 * Connector configs, target states and task configs (Kafka Connect's ConfigBackingStore). Standalone
 * keeps them in a file; a cluster in its replicated log. Listeners hear of every change, whether it was
 * made through this worker or, in a cluster, through another one: the herder reconciles on them.
 */
public interface ConfigStore {

    List<StoredConnector> all();

    Optional<StoredConnector> get(String name);

    /** Creates or replaces; durable when it returns. */
    void put(StoredConnector connector);

    /** Removes the connector if present; durable when it returns. */
    void remove(String name);

    void addListener(Listener listener);

    /** Told after a connector was created, changed or removed (then {@link #get} is empty). */
    @FunctionalInterface
    interface Listener {
        void connectorChanged(String name);
    }
}
