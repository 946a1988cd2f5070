package io.openmessaging.omsconnect.cluster;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import org.jgroups.JChannel;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.raft.RaftHandle;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.openmessaging.omsconnect.herder.ClusterUnavailableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
        channel.setName(config.workerId());
        raft = new RaftHandle(channel, state).raftId(config.workerId());
        channel.connect(config.clusterName());
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
     * caller reads next already includes it. Fails when there is no leader or the command was not
     * committed within the timeout (a command whose leader died in flight is never failed by
     * jgroups-raft: the timeout is what ends it).
     */
    @Override
    public CompletableFuture<JSONObject> submit(JSONObject command) {
        String id = command.getString("id");
        CompletableFuture<JSONObject> applied = state.awaitApplied(id);
        byte[] bytes = JSON.toJSONBytes(command);
        try {
            raft.setAsync(bytes, 0, bytes.length).whenComplete((r, t) -> {
                if (t != null) {
                    state.forget(id);
                    applied.completeExceptionally(t);
                }
            });
        } catch (Exception e) {
            state.forget(id);
            applied.completeExceptionally(e);
        }
        return applied.orTimeout(commandTimeoutMs, TimeUnit.MILLISECONDS)
                .whenComplete((r, t) -> state.forget(id));
    }

    /**
     * {@link #submit} and wait.
     *
     * @return the result, {@code {"ok": true|false, "error"}}
     * @throws ClusterUnavailableException when it was not committed (no leader, timeout)
     */
    @Override
    public JSONObject call(JSONObject command) {
        try {
            return submit(command).get();
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

    public long term() {
        return raft == null ? 0 : raft.currentTerm();
    }

    public String role() {
        return raft == null ? "none" : raft.raft().role();
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

    public void onRoleChange(Runnable listener) {
        raft.addRoleListener(role -> listener.run());
    }

    RAFT protocol() {
        return raft.raft();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
