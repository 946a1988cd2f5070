package io.openmessaging.omsconnect.cluster;

import io.openmessaging.omsconnect.store.ConfigStore;
import io.openmessaging.omsconnect.store.StoredConnector;

import java.util.List;
import java.util.Optional;

/**
 * The cluster's {@link ConfigStore}: reads from the replicated state; writes are commands through the
 * log. Listeners hear of changes made through any worker, once this worker applied them.
 */
public final class RaftConfigStore implements ConfigStore {
    private final ClusterState state;
    private final CommandLog raft;

    public RaftConfigStore(ClusterState state, CommandLog raft) {
        this.state = state;
        this.raft = raft;
    }

    @Override
    public List<StoredConnector> all() {
        return state.connectors();
    }

    @Override
    public Optional<StoredConnector> get(String name) {
        return state.connector(name);
    }

    @Override
    public void put(StoredConnector connector) {
        raft.call(Commands.putConnector(connector, false));
    }

    @Override
    public void remove(String name) {
        raft.call(Commands.removeConnector(name));
    }

    @Override
    public void addListener(Listener listener) {
        state.addListener((type, connectors) -> connectors.forEach(listener::connectorChanged));
    }
}
