package io.openmessaging.omsconnect.cluster;

import com.alibaba.fastjson2.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What the Raft leader does besides leading the log: it lets workers whose lease ran out go, and keeps
 * every wanted unit assigned to a live worker ({@link Assignor}). It runs a round on every change of the
 * state and at least every {@value #ROUND_MS} ms; on a worker that is not the leader a round does nothing.
 * Its decisions are commands checked when applied (an expiry against the worker's latest heartbeat, an
 * assignment against the generation), so a deposed leader's decisions are refused.
 */
public final class ClusterLeader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterLeader.class);
    static final long ROUND_MS = 100;

    private final CommandLog raft;
    private final ClusterState state;
    private final long leaseNanos;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-leader");
        t.setDaemon(true);
        return t;
    });

    public ClusterLeader(CommandLog raft, ClusterState state, long leaseMs, LongSupplier nanoClock) {
        this.raft = raft;
        this.state = state;
        this.leaseNanos = TimeUnit.MILLISECONDS.toNanos(leaseMs);
        this.nanoClock = nanoClock;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::round, ROUND_MS, ROUND_MS, TimeUnit.MILLISECONDS);
    }

    /** Asks for a round soon (a config or membership change). */
    public void nudge() {
        if (!timer.isShutdown()) {
            timer.execute(this::round);
        }
    }

    private void round() {
        if (!raft.isLeader()) {
            return;
        }
        try {
            Set<String> live = expireLapsed();
            Map<Unit, String> owners = new HashMap<>();
            state.slots().forEach((u, s) -> owners.put(u, s.owner()));
            Map<Unit, String> changes = Assignor.changes(state.wanted(), owners, live);
            if (!changes.isEmpty()) {
                long generation = state.generation();
                JSONObject r = raft.submit(Commands.assign(generation, changes)).get(2, TimeUnit.SECONDS);
                if (r.getBooleanValue("ok")) {
                    log.info("Assignment {}: {}", r.getLongValue("generation"), changes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Leader round failed (will retry): {}", e.toString());
        }
    }

    /** Expires members whose last heartbeat this worker applied more than a lease ago; returns the others. */
    private Set<String> expireLapsed() throws Exception {
        Set<String> live = new TreeSet<>();
        long now = nanoClock.getAsLong();
        for (Member m : state.members().values()) {
            long seen = state.heartbeatSeenNanos(m.id()).orElse(now);
            if (now - seen > leaseNanos) {
                JSONObject r = raft.submit(Commands.expire(m.id(), m.heartbeatSeq())).get(2, TimeUnit.SECONDS);
                if (!r.getBooleanValue("ok")) {
                    live.add(m.id()); // it heartbeated meanwhile
                }
            } else {
                live.add(m.id());
            }
        }
        return live;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
