package io.openmessaging.omsconnect.cluster;

import com.alibaba.fastjson2.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * This worker's lease: a heartbeat through the log every fifth of {@code leaseMs}. The lease is valid for
 * two thirds of {@code leaseMs} after the last heartbeat that was committed was <em>sent</em>; the leader
 * gives the worker's units away only a whole {@code leaseMs} after it <em>applied</em> that heartbeat,
 * which is later. The third between is the time this worker has to stop its tasks once its lease lapsed,
 * so that a task never runs here and elsewhere at once, even when this worker was paused or cut off.
 */
public final class LeaseKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final String workerId;
    private final Supplier<String> restUrl;
    private final long leaseNanos;
    private final CommandLog raft;
    private final LongSupplier nanoClock;
    private final Runnable onChange;
    private final AtomicLong validUntil;
    private final AtomicLong seq = new AtomicLong(System.currentTimeMillis());
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "cluster-lease");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean wasValid;
    private volatile long lastHeartbeatMillis;
    private long lastFailureLogged = Long.MIN_VALUE / 2;

    /** @param onChange told when the lease becomes valid or lapses (from the lease's own threads) */
    public LeaseKeeper(ClusterConfig config, Supplier<String> restUrl, CommandLog raft, LongSupplier nanoClock,
                       Runnable onChange) {
        this.workerId = config.workerId();
        this.restUrl = restUrl;
        this.leaseNanos = TimeUnit.MILLISECONDS.toNanos(config.leaseMs());
        this.raft = raft;
        this.nanoClock = nanoClock;
        this.onChange = onChange;
        this.validUntil = new AtomicLong(nanoClock.getAsLong());
    }

    public void start() {
        long every = Math.max(50, TimeUnit.NANOSECONDS.toMillis(leaseNanos) / 5);
        timer.scheduleWithFixedDelay(this::renew, 0, every, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::watch, 20, 20, TimeUnit.MILLISECONDS);
    }

    /** True while this worker may run tasks: checked by the tasks before every call into a connector. */
    public boolean valid() {
        return nanoClock.getAsLong() - validUntil.get() < 0;
    }

    /** The worker's wall clock at its last committed heartbeat; 0 before the first. */
    public long lastHeartbeatMillis() {
        return lastHeartbeatMillis;
    }

    private void renew() {
        long sent = nanoClock.getAsLong();
        long wall = System.currentTimeMillis();
        try {
            JSONObject result = raft.submit(Commands.heartbeat(workerId, restUrl.get(), seq.incrementAndGet(), wall))
                    .get(TimeUnit.NANOSECONDS.toMillis(leaseNanos) / 2, TimeUnit.MILLISECONDS);
            if (result.getBooleanValue("ok")) {
                long until = sent + leaseNanos * 2 / 3;
                validUntil.accumulateAndGet(until, (a, b) -> b - a > 0 ? b : a);
                lastHeartbeatMillis = wall;
                watch();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            long now = nanoClock.getAsLong();
            // once per 10 s at most: a worker cut off fails every heartbeat
            if (now - lastFailureLogged > TimeUnit.SECONDS.toNanos(10)) {
                lastFailureLogged = now;
                log.warn("Heartbeat of {} not committed ({}): {}", workerId, raft.describe(), e.toString());
            }
        }
    }

    private void watch() {
        boolean now = valid();
        if (now != wasValid) {
            wasValid = now;
            if (now) {
                log.info("Worker {} holds its cluster lease", workerId);
            } else {
                log.warn("Worker {} lost its cluster lease: its tasks stop until it renews it", workerId);
            }
            onChange.run();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
