package io.openmessaging.omsconnect.cluster;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import org.jgroups.JChannel;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.stack.ProtocolStack;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.protocols.raft.REDIRECT;
import org.jgroups.raft.RaftHandle;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.openmessaging.omsconnect.herder.ClusterUnavailableException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Collectors;

/**
 * This worker's member of the cluster's Raft group (jgroups-raft): the transport, failure detection, the
 * log on disk and the {@link ClusterState} it applies. Commands can be submitted on any member: a
 * follower's are forwarded to the leader (jgroups-raft's REDIRECT).
 *
 * <p>The stack and its timings are the ones NOTES-spikes.md found stable on loopback with two cores:
 * failures noticed in about a second, no spurious elections, the log fsynced before a write is acknowledged.
 * RAFT is our {@link ResendingRaft}: stock RAFT let a restarted worker never catch up under steady
 * heartbeats, and its {@code send_commits_immediately} made followers commit entries of a deposed leader.
 */
public final class RaftNode implements CommandLog, AutoCloseable {
    private final ClusterConfig config;
    private final ClusterState state;
    private final long commandTimeoutMs;
    private static final long ATTEMPT_MS = 1000;
    private static final long RETRY_MS = 100;
    /** Commands a late duplicate of which could undo a newer one: sent once, retried only when nothing was sent. */
    private static final java.util.Set<String> SENT_ONCE = java.util.Set.of("positions", "restart");
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-command-retry");
        t.setDaemon(true);
        return t;
    });
    private JChannel channel;
    private RaftHandle raft;

    public RaftNode(ClusterConfig config, ClusterState state, long commandTimeoutMs) {
        this.config = config;
        this.state = state;
        this.commandTimeoutMs = commandTimeoutMs;
    }

    public void start() throws Exception {
        // jgroups logs through java.util.logging: its routine INFO lines are noise in the worker's log
        java.util.logging.Logger.getLogger("org.jgroups").setLevel(Level.WARNING);
        Files.createDirectories(config.raftDir());
        channel = new JChannel(new ByteArrayInputStream(stackXml().getBytes(StandardCharsets.UTF_8)));
        if (config.transportKey() != null) {
            encrypt(channel);
        }
        channel.setName(config.workerId());
        raft = new RaftHandle(channel, state).raftId(config.workerId());
        channel.connect(config.clusterName());
    }

    /**
     * Encrypts every message of the protocols above failure detection (joins, views, retransmissions, Raft) with
     * the cluster's key: a process without it cannot join (it cannot read the join answer), and what it sends
     * is dropped, not applied. Discovery and heartbeats below stay in the clear: they carry no state.
     */
    private void encrypt(JChannel channel) throws Exception {
        SYM_ENCRYPT encrypt = new SYM_ENCRYPT().setSecretKey(config.transportKey());
        channel.getProtocolStack().insertProtocol(encrypt, ProtocolStack.Position.BELOW, NAKACK2.class);
        encrypt.init(); // a protocol inserted after the stack was built is not initialized by it
    }

    String stackXml() {
        String hosts = config.members().stream().map(m -> m.host() + "[" + m.port() + "]")
                .collect(Collectors.joining(","));
        if (!config.voter()) {
            hosts = hosts + "," + config.listen().host() + "[" + config.listen().port() + "]";
        }
        String voters = config.members().stream().map(ClusterConfig.Address::id).collect(Collectors.joining(","));
        String host = config.listen().host();
        return """
                <config xmlns="urn:org:jgroups">
                  <TCP bind_addr="%1$s" bind_port="%2$d" port_range="0" diag.enabled="false"/>
                  <TCPPING initial_hosts="%3$s" port_range="0"/>
                  <MERGE3 min_interval="1000" max_interval="3000"/>
                  <FD_SOCK2 bind_addr="%1$s"/>
                  <FD_ALL3 timeout="1000" interval="250"/>
                  <VERIFY_SUSPECT2 timeout="250"/>
                  <pbcast.NAKACK2 use_mcast_xmit="false"/>
                  <UNICAST3/>
                  <pbcast.STABLE/>
                  <raft.NO_DUPES/>
                  <pbcast.GMS print_local_addr="false" join_timeout="1000"/>
                  <FRAG4/>
                  <raft.ELECTION vote_timeout="300"/>
                  <io.openmessaging.omsconnect.cluster.ResendingRaft members="%4$s" raft_id="%5$s" log_dir="%6$s"
                      log_use_fsync="true" resend_interval="200"/>
                  <raft.REDIRECT/>
                </config>
                """.formatted(host, config.listen().port(), hosts, voters, config.workerId(),
                config.raftDir().toAbsolutePath());
    }

    /**
     * Appends a command and completes with its result once this worker applied it, so that what the
     * caller reads next already includes it. Tried again while there is no leader or no answer (see
     * {@link #attempt}); fails when it was not applied within the timeout.
     */
    @Override
    public CompletableFuture<JSONObject> submit(JSONObject command) {
        String id = command.getString("id");
        CompletableFuture<JSONObject> applied = state.awaitApplied(id);
        byte[] bytes = JSON.toJSONBytes(command);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(commandTimeoutMs);
        attempt(bytes, applied, deadline, !SENT_ONCE.contains(command.getString("type")));
        return applied.orTimeout(commandTimeoutMs, TimeUnit.MILLISECONDS)
                .whenComplete((r, t) -> state.forget(id));
    }

    /**
     * Sends the command to the leader, and again while it is not applied here: after {@value #RETRY_MS} ms
     * when there was no leader (nothing was sent), and, when {@code resend}, after {@value #ATTEMPT_MS} ms
     * without an answer (a command sent to a leader that died is never answered). Such a command may be
     * applied twice: that is harmless for those re-sent (a create finds the connector, an assignment or
     * expiry its generation or heartbeat gone, a hold or release is checked again, a status carries its
     * sequence number); positions and restart requests are never re-sent after silence, since a late
     * second copy could undo a newer one or restart twice.
     */
    private void attempt(byte[] bytes, CompletableFuture<JSONObject> applied, long deadline, boolean resend) {
        if (applied.isDone() || System.nanoTime() - deadline > 0 || retries.isShutdown()) {
            return;
        }
        long retryIn = ATTEMPT_MS;
        try {
            raft.setAsync(bytes, 0, bytes.length);
            if (!resend) {
                return;
            }
        } catch (Exception noLeader) {
            retryIn = RETRY_MS;
        }
        try {
            retries.schedule(() -> attempt(bytes, applied, deadline, resend), retryIn, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the node is closing: the caller's timeout ends it
        }
    }

    /**
     * {@link #submit} and wait.
     *
     * @return the result, {@code {"ok": true|false, "error"}}
     * @throws ClusterUnavailableException when it was not committed (no leader, timeout)
     */
    @Override
    public JSONObject call(JSONObject command) {
        return committed(submit(command));
    }

    /** Waits for a change to the log; one that was not committed is a ClusterUnavailableException saying why. */
    private <T> T committed(CompletableFuture<T> change) {
        try {
            return change.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted while waiting for the cluster");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof TimeoutException ? "not committed within " + commandTimeoutMs + " ms"
                    : String.valueOf(cause.getMessage());
            throw new ClusterUnavailableException("the cluster could not take the change now (" + why
                    + "); leader: " + leader() + ". Try again");
        }
    }

    @Override
    public boolean isLeader() {
        return raft != null && raft.isLeader();
    }

    /** The leader's Raft id, or null while there is none. */
    @Override
    public String leader() {
        return raft == null || raft.leader() == null ? null : raft.leader().toString();
    }

    /** Term, role, leader and log positions, for logs when the cluster misbehaves. */
    @Override
    public String describe() {
        if (raft == null) {
            return "not started";
        }
        RAFT r = raft.raft();
        return "role=" + r.role() + " term=" + r.currentTerm() + " leader=" + leader() + " commit=" + r.commitIndex()
                + " appended=" + r.lastAppended() + " members=" + r.members();
    }

    @Override
    public List<String> voters() {
        return raft == null ? List.of() : List.copyOf(raft.raft().members());
    }

    /** Through REDIRECT, which hands it to the leader: only the leader changes the membership. */
    @Override
    public List<String> addVoter(String workerId) {
        return changeVoters(workerId, true);
    }

    @Override
    public List<String> removeVoter(String workerId) {
        return changeVoters(workerId, false);
    }

    private List<String> changeVoters(String workerId, boolean add) {
        CompletableFuture<byte[]> changed;
        try {
            REDIRECT redirect = channel.getProtocolStack().findProtocol(REDIRECT.class);
            changed = add ? redirect.addServer(workerId) : redirect.removeServer(workerId);
        } catch (Exception noLeader) {
            changed = CompletableFuture.failedFuture(noLeader);
        }
        committed(changed.orTimeout(commandTimeoutMs, TimeUnit.MILLISECONDS));
        return voters();
    }

    @Override
    public void close() {
        retries.shutdownNow();
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
