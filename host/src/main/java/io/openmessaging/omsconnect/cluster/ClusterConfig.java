package io.openmessaging.omsconnect.cluster;

import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.config.WorkerKeys;

import javax.crypto.SecretKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker's cluster settings, read from its config file:
 * <ul>
 * <li>{@code mode=distributed}</li>
 * <li>{@code clusterName} — workers with the same name form one cluster</li>
 * <li>{@code clusterMembers=w1@127.0.0.1:7800,w2@…} — the voting members; the same list on every worker.
 *     A worker whose {@code workerId} is not in it joins as a non-voting member (it runs tasks, it does
 *     not vote)</li>
 * <li>{@code clusterListen=host:port} — where this worker's cluster transport listens (default: its own
 *     entry in {@code clusterMembers})</li>
 * <li>{@code restAdvertisedUrl} — how the other workers and users reach this worker's REST API (default:
 *     {@code http://restBindAddress:port}; null here then)</li>
 * <li>{@code leaseMs} (default 2000) — a worker that could not renew its lease for this long has its
 *     tasks given to others; it stops them itself sooner (see {@link LeaseKeeper})</li>
 * <li>{@code clusterSecret} — the transport is encrypted with a key derived from it ({@link TransportKey});
 *     required when {@code clusterListen} is not a loopback address: whoever reaches the port of a cluster
 *     without one can append commands, which run code of the worker's plugins</li>
 * </ul>
 *
 * @param transportKey the key of the transport's encryption; null: plaintext (loopback only)
 */
public record ClusterConfig(String clusterName, String workerId, List<Address> members, Address listen,
                            String restAdvertisedUrl, long leaseMs, Path raftDir, SecretKey transportKey) {

    public static boolean distributed(WorkerConfig worker) {
        return "distributed".equalsIgnoreCase(worker.keys().getString(WorkerKeys.MODE));
    }

    public static ClusterConfig from(WorkerConfig worker) {
        ParsedConfig keys = worker.keys();
        List<String> memberEntries = keys.getList(WorkerKeys.CLUSTER_MEMBERS);
        if (memberEntries.isEmpty()) {
            throw new IllegalArgumentException("clusterMembers is required in distributed mode "
                    + "(e.g. clusterMembers=w1@127.0.0.1:7800,w2@127.0.0.1:7801,w3@127.0.0.1:7802)");
        }
        List<Address> members = new ArrayList<>();
        for (String entry : memberEntries) {
            members.add(Address.parse(entry, WorkerKeys.CLUSTER_MEMBERS));
        }
        String id = worker.workerId();
        Address listen;
        String listenValue = keys.getString(WorkerKeys.CLUSTER_LISTEN);
        if (listenValue != null) {
            listen = Address.parse(id + "@" + listenValue, WorkerKeys.CLUSTER_LISTEN);
        } else {
            listen = members.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("workerId " + id + " is not in clusterMembers: set clusterListen="
                            + "host:port for a non-voting member"));
        }
        String clusterName = keys.getString(WorkerKeys.CLUSTER_NAME);
        String secret = keys.getString(WorkerKeys.CLUSTER_SECRET);
        if (secret == null || secret.isBlank()) {
            if (!listen.loopback()) {
                throw new IllegalArgumentException(WorkerKeys.CLUSTER_SECRET + " is required when the cluster transport "
                        + "listens beyond loopback (" + listen.host() + ":" + listen.port() + "): without it, whoever "
                        + "reaches that port can join the cluster and append to its log. Give every worker the same "
                        + WorkerKeys.CLUSTER_SECRET);
            }
            secret = null;
        }
        return new ClusterConfig(clusterName, id, List.copyOf(members), listen,
                keys.getString(WorkerKeys.REST_ADVERTISED_URL), keys.getLong(WorkerKeys.LEASE_MS),
                worker.storePathRootDir().resolve("raft"), secret == null ? null : TransportKey.derive(secret, clusterName));
    }

    public boolean voter() {
        return members.stream().anyMatch(m -> m.id().equals(workerId));
    }

    /** Never the key: even its hash code is made of the key's bytes. */
    @Override
    public String toString() {
        return "ClusterConfig[clusterName=" + clusterName + ", workerId=" + workerId + ", members=" + members
                + ", listen=" + listen + ", restAdvertisedUrl=" + restAdvertisedUrl + ", leaseMs=" + leaseMs
                + ", raftDir=" + raftDir + ", transport=" + (transportKey == null ? "plaintext" : "encrypted") + "]";
    }

    /** One cluster member: {@code id@host:port}. */
    public record Address(String id, String host, int port) {
        /** True when only this machine can reach the address. */
        boolean loopback() {
            return host.equals("localhost") || host.equals("::1") || host.equals("[::1]") || host.startsWith("127.");
        }

        static Address parse(String value, String key) {
            int at = value.indexOf('@');
            int colon = value.lastIndexOf(':');
            if (at <= 0 || colon < at + 2 || colon == value.length() - 1) {
                throw new IllegalArgumentException(key + ": \"" + value + "\" is not id@host:port");
            }
            try {
                return new Address(value.substring(0, at), value.substring(at + 1, colon),
                        Integer.parseInt(value.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": \"" + value + "\" has no numeric port");
            }
        }
    }
}
