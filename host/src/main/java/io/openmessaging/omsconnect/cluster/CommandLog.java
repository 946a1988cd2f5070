package io.openmessaging.omsconnect.cluster;

import com.alibaba.fastjson2.JSONObject;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where cluster commands go: the replicated log ({@link RaftNode}), or, in unit tests, a log that applies
 * them at once. A command's result is known once this worker applied it.
 */
public interface CommandLog {

    /** Appends a command; completes with its result once this worker applied it, or fails (no leader, timeout). */
    CompletableFuture<JSONObject> submit(JSONObject command);

    /**
     * {@link #submit} and wait.
     *
     * @throws io.openmessaging.omsconnect.herder.ClusterUnavailableException when it was not committed
     */
    JSONObject call(JSONObject command);

    boolean isLeader();

    /** The leader's id, or null while there is none. */
    String leader();

    /** Term, role, leader and log positions, for logs. */
    String describe();

    /** The voting members as this worker's log has them: {@code clusterMembers}, changed by the log since. */
    List<String> voters();

    /**
     * Makes a worker a voting member, through the leader; the change is in the log, so it outlives restarts
     * whatever the config files say.
     *
     * @return the voters once the change is committed
     * @throws io.openmessaging.omsconnect.herder.ClusterUnavailableException when it was not committed
     */
    List<String> addVoter(String workerId);

    /**
     * Takes a voting member out (it may still run as a non-voting member).
     *
     * @return the voters once the change is committed
     * @throws io.openmessaging.omsconnect.herder.ClusterUnavailableException when it was not committed
     */
    List<String> removeVoter(String workerId);
}
