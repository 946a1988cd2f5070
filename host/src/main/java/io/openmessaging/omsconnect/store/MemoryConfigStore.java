package io.openmessaging.omsconnect.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ConfigStore} that keeps nothing across restarts: for unit tests of the herder. */
public final class MemoryConfigStore implements ConfigStore {
    private final Map<String, StoredConnector> connectors = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public List<StoredConnector> all() {
        return List.copyOf(connectors.values());
    }

    @Override
    public Optional<StoredConnector> get(String name) {
        return Optional.ofNullable(connectors.get(name));
    }

    @Override
    public void put(StoredConnector connector) {
        connectors.put(connector.name(), connector);
        listeners.forEach(l -> l.connectorChanged(connector.name()));
    }

    @Override
    public void remove(String name) {
        if (connectors.remove(name) != null) {
            listeners.forEach(l -> l.connectorChanged(name));
        }
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }
}
