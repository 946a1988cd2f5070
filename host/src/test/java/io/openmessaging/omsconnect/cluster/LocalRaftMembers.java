package io.openmessaging.omsconnect.cluster;

import io.openmessaging.omsconnect.store.StoredConnector;
import io.openmessaging.omsconnect.store.TargetState;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Raft members in the test's JVM on loopback ports, closed together; members may be started from several threads. */
final class LocalRaftMembers implements AutoCloseable {
    private final List<RaftNode> nodes = new ArrayList<>(); // guarded by itself
    private final long commandTimeoutMs;

    LocalRaftMembers(long commandTimeoutMs) {
        this.commandTimeoutMs = commandTimeoutMs;
    }

    RaftNode start(ClusterConfig config, ClusterState state) throws Exception {
        RaftNode node = new RaftNode(config, state, commandTimeoutMs);
        synchronized (nodes) {
            nodes.add(node);
        }
        node.start();
        return node;
    }

    /** One member address per id, each on a port free when asked. */
    static List<ClusterConfig.Address> addresses(String... ids) throws Exception {
        List<ClusterConfig.Address> out = new ArrayList<>();
        for (String id : ids) {
            try (ServerSocket s = new ServerSocket(0)) {
                out.add(new ClusterConfig.Address(id, "127.0.0.1", s.getLocalPort()));
            }
        }
        return out;
    }

    /** A connector to replicate: what a test writes to see who applies it. */
    static StoredConnector connector(String name) {
        return new StoredConnector(name, Map.of("connector.class", "x"), TargetState.STARTED, List.of());
    }

    @Override
    public void close() {
        synchronized (nodes) {
            nodes.forEach(RaftNode::close);
        }
    }
}
