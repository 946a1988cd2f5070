package io.openmessaging.omsconnect.cluster;

import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.config.Secrets;
import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.driver.DriverRegistry;
import io.openmessaging.omsconnect.logging.LogLevels;
import io.openmessaging.omsconnect.herder.AbstractHerder;
import io.openmessaging.omsconnect.herder.AlreadyExistsException;
import io.openmessaging.omsconnect.herder.BadRequestException;
import io.openmessaging.omsconnect.herder.NotFoundException;
import io.openmessaging.omsconnect.herder.ConflictException;
import io.openmessaging.omsconnect.store.ReportedStatus;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.rest.entity.ClusterWorkerInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorOffsets;
import io.openmessaging.omsconnect.rest.entity.ConnectorStateInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.store.StoredConnector;
import io.openmessaging.omsconnect.store.TargetState;
import io.openmessaging.omsconnect.worker.ConnectorConfig;
import io.openmessaging.omsconnect.worker.State;
import io.openmessaging.omsconnect.worker.Status;
import io.openmessaging.omsconnect.worker.StatusTracker;
import io.openmessaging.omsconnect.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The herder of a worker in a cluster. Writes are commands through the replicated log, whichever worker
 * takes the REST call; reads wait until this worker applied everything committed before them. What runs
 * here follows the replicated state: on every change this worker <em>reconciles</em> — it stops what it
 * no longer owns and releases it, claims ({@code hold}) what it was given and starts it once the claim is
 * committed. Everything stops while its lease is not valid.
 */
public final class DistributedHerder extends AbstractHerder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DistributedHerder.class);

    private final ClusterConfig cluster;
    private final ClusterState state;
    private final CommandLog raft;
    private final LeaseKeeper lease;
    private final ClusterLeader leader;
    private final String me;
    private final LongSupplier nanoClock;
    /** What runs here, and what it was started from: a change of any of it restarts the unit. */
    private final Map<Unit, Started> running = new ConcurrentHashMap<>();
    private final Map<Unit, Boolean> claiming = new ConcurrentHashMap<>();
    /** When each unit's status was last sent: a repair waits a second for one in flight. */
    private final Map<Unit, Long> publishedNanos = new ConcurrentHashMap<>();
    /** The pause state last applied to each connector's units here. */
    private final Map<String, Boolean> pausedHere = new ConcurrentHashMap<>();
    private final ExecutorService reconciler = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "herder-reconcile");
        t.setDaemon(true);
        return t;
    });
    /** connector NUL topic → when its repair was last sent: one a second at most (see repairTopics) */
    private final Map<String, Long> topicRepairs = new java.util.concurrent.ConcurrentHashMap<>();
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "herder-status");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService safetyNet = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herder-reconcile-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    private volatile boolean closing;
    /** Orders this worker's statuses: starts at the wall clock so that a restarted worker's come after. */
    private final java.util.concurrent.atomic.AtomicLong statusSeq =
            new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis() * 1000);
    private final java.util.concurrent.atomic.AtomicLong reconciles = new java.util.concurrent.atomic.AtomicLong();

    public DistributedHerder(WorkerConfig workerConfig, ClusterConfig cluster, PluginHost plugins,
                             DriverRegistry drivers, Worker worker, StatusTracker statuses, ClusterState state,
                             CommandLog raft, LongSupplier nanoClock, Supplier<String> restUrl) {
        super(workerConfig, plugins, drivers, worker, statuses, new ReplicatedStatusStore(state),
                new RaftConfigStore(state, raft), new RaftOffsetStore(state, raft, cluster.workerId()));
        this.cluster = cluster;
        this.state = state;
        this.raft = raft;
        this.me = cluster.workerId();
        this.nanoClock = nanoClock;
        this.lease = new LeaseKeeper(cluster, restUrl, raft, nanoClock, this::requestReconcile);
        this.leader = new ClusterLeader(raft, state, cluster.leaseMs(), nanoClock);
        worker.fence(lease::valid);
        long startedAtMillis = System.currentTimeMillis();
        state.addListener(new ClusterState.Listener() {
            @Override
            public void applied(String type, Set<String> connectors) {
                requestReconcile();
                if (!type.equals("heartbeat") && !type.equals("status") && !type.equals("positions")) {
                    leader.nudge();
                }
            }

            @Override
            public void topicsReset(String connector) {
                worker.activeTopics().reset(connector);
            }

            /** As Kafka (KIP-976): a level set before this worker started is not applied again. */
            @Override
            public void logLevel(String namespace, String level, long atMillis) {
                if (atMillis >= startedAtMillis) {
                    try {
                        logLevels.set(namespace, level);
                    } catch (IllegalArgumentException e) {
                        log.warn("Cluster log level for {} not set: {}", namespace, e.getMessage());
                    }
                }
            }
        });
        worker.activeTopics().addListener((connector, topic) ->
                publisher.execute(() -> submitQuietly(Commands.topic(connector, topic), "topic " + topic + " of " + connector)));
        statuses.addListener(new StatusTracker.Listener() {
            @Override
            public void connectorStatus(String connector, Status status) {
                publish(Unit.instance(connector), status);
            }

            @Override
            public void taskStatus(ConnectorTaskId task, Status status) {
                publish(Unit.of(task), status);
            }
        });
    }

    /** Joins the cluster: the Raft member must be started; heartbeats and, when leader, assignments begin. */
    public void start() {
        lease.start();
        leader.start();
        // a safety net: reconcile at least every second even if no change arrives
        safetyNet.scheduleWithFixedDelay(this::requestReconcile, 1, 1, TimeUnit.SECONDS);
    }

    // ---- views ----

    @Override
    protected String mode() {
        return "distributed";
    }

    @Override
    protected String clusterId() {
        return cluster.clusterName();
    }

    @Override
    public List<String> clusterVoters() {
        awaitCurrentState();
        return raft.voters();
    }

    @Override
    public List<String> addClusterVoter(String workerId) {
        awaitCurrentState();
        if (workerId == null || workerId.isBlank()) {
            throw new BadRequestException("id", "id: the worker to make a voting member is required");
        }
        if (raft.voters().contains(workerId)) {
            throw new ConflictException("worker " + workerId + " is a voting member already");
        }
        if (!state.members().containsKey(workerId)) {
            // a voter that does not run only makes the majority harder to reach
            throw new BadRequestException("id", "id: no live worker " + workerId + " in the cluster (see GET "
                    + "/cluster/workers); start it as a non-voting member first");
        }
        List<String> voters = raft.addVoter(workerId);
        log.info("Worker {} is a voting member now; voters: {}", workerId, voters);
        return voters;
    }

    @Override
    public List<String> removeClusterVoter(String workerId) {
        awaitCurrentState();
        List<String> voters = raft.voters();
        if (!voters.contains(workerId)) {
            throw new NotFoundException("worker " + workerId + " is not a voting member (voters: " + voters + ")");
        }
        if (voters.size() == 1) {
            throw new BadRequestException("id", "id: " + workerId + " is the last voting member");
        }
        List<String> after = raft.removeVoter(workerId);
        log.info("Worker {} votes no more; voters: {}", workerId, after);
        return after;
    }

    @Override
    public List<ClusterWorkerInfo> clusterWorkers() {
        awaitCurrentState();
        String leaderId = raft.leader();
        Set<String> voters = new TreeSet<>(raft.voters()); // clusterMembers, as the log has changed them since
        Map<String, List<String>> connectors = new TreeMap<>();
        Map<String, List<ConnectorTaskId>> tasks = new TreeMap<>();
        state.slots().forEach((unit, slot) -> {
            if (slot.holder() != null) {
                if (unit.isInstance()) {
                    connectors.computeIfAbsent(slot.holder(), k -> new ArrayList<>()).add(unit.connector());
                } else {
                    tasks.computeIfAbsent(slot.holder(), k -> new ArrayList<>()).add(unit.taskId());
                }
            }
        });
        long now = nanoClock.getAsLong();
        List<ClusterWorkerInfo> out = new ArrayList<>();
        for (Member m : state.members().values()) {
            String role = m.id().equals(leaderId) ? "leader" : voters.contains(m.id()) ? "follower" : "learner";
            long seen = state.heartbeatSeenNanos(m.id()).orElse(now);
            long expiresIn = TimeUnit.NANOSECONDS.toMillis(seen + TimeUnit.MILLISECONDS.toNanos(cluster.leaseMs()) - now);
            out.add(new ClusterWorkerInfo(m.id(), m.restUrl(), role, voters.contains(m.id()), m.heartbeatMillis(),
                    Math.max(0, expiresIn), connectors.getOrDefault(m.id(), List.of()),
                    tasks.getOrDefault(m.id(), List.of())));
        }
        return out;
    }

    @Override
    protected void awaitCurrentState() {
        raft.call(Commands.barrier());
    }

    @Override
    protected String refusedDriver(String url) {
        if (url != null && url.startsWith("oms:local:")) {
            return "the embedded oms:local queue belongs to one worker; in distributed mode use a network queue "
                    + "(e.g. oms:rabbitmq://127.0.0.1:5672/default) in oms-driver-url or the workers' omsDriverUrl";
        }
        return null;
    }

    // ---- writes ----

    @Override
    public Created<ConnectorInfo> putConnectorConfig(String connector, Map<String, String> config,
                                                     boolean allowReplace) {
        return put(connector, config, allowReplace, TargetState.STARTED, null);
    }

    @Override
    public ConnectorInfo createConnector(String connector, Map<String, String> config, TargetState initialState,
                                         ConnectorOffsets initialOffsets) {
        return put(connector, config, false, initialState, initialOffsets).value();
    }

    /** @param targetIfNew the target state of a connector this creates; the log keeps an existing one's */
    private Created<ConnectorInfo> put(String connector, Map<String, String> config, boolean allowReplace,
                                       TargetState targetIfNew, ConnectorOffsets initialOffsets) {
        awaitCurrentState();
        StoredConnector existing = configs.get(connector).orElse(null);
        if (existing != null && !allowReplace) {
            throw new AlreadyExistsException("connector " + connector + " already exists");
        }
        Map<String, String> clean = checkedConfig(connector, config, existing);
        // the positions go with the create in one command: no task can start before they are in place (KIP-995)
        JSONObject r = raft.call(Commands.putConnector(
                new StoredConnector(connector, clean, targetIfNew, List.of()), !allowReplace, initialPositions(clean, initialOffsets)));
        if (!r.getBooleanValue("ok")) {
            throw new AlreadyExistsException(r.getString("error"));
        }
        boolean created = r.getBooleanValue("created");
        log.info("Connector {} {} with config {}", connector, created ? "created" : "updated", Secrets.mask(clean));
        return new Created<>(info(stored(connector)), created); // applied here already: no barrier
    }

    @Override
    public void deleteConnector(String connector) {
        awaitCurrentState();
        stored(connector);
        requireOk(raft.call(Commands.removeConnector(connector)));
        log.info("Connector {} deleted", connector);
    }

    @Override
    public void pauseConnector(String connector) {
        awaitCurrentState();
        stored(connector); // as Kafka: a stopped connector may be paused too; it starts paused
        requireOk(raft.call(Commands.targetState(connector, TargetState.PAUSED)));
    }

    @Override
    public void resumeConnector(String connector) {
        awaitCurrentState();
        stored(connector);
        requireOk(raft.call(Commands.targetState(connector, TargetState.STARTED)));
    }

    @Override
    public void setClusterLogLevel(String namespace, String level) {
        LogLevels.parse(level); // a bad level never reaches the log
        requireOk(raft.call(Commands.logLevel(namespace, level, System.currentTimeMillis())));
    }

    @Override
    public void stopConnector(String connector) {
        awaitCurrentState();
        stored(connector);
        requireOk(raft.call(Commands.targetState(connector, TargetState.STOPPED)));
    }

    @Override
    public ConnectorStateInfo restartConnector(String connector, boolean includeTasks, boolean onlyFailed) {
        awaitCurrentState();
        StoredConnector c = stored(connector);
        if (c.targetState() == TargetState.STOPPED) {
            return statusOf(c);
        }
        List<Unit> units = new ArrayList<>();
        if (!onlyFailed || statusStore.connector(connector).status().state() == State.FAILED) {
            units.add(Unit.instance(connector));
        }
        if (includeTasks) {
            for (int i = 0; i < c.taskConfigs().size(); i++) {
                Unit task = new Unit(connector, i);
                if (!onlyFailed || statusStore.task(task.taskId()).status().state() == State.FAILED) {
                    units.add(task);
                }
            }
        }
        for (Unit unit : units) {
            raft.call(Commands.restart(unit)); // refused only when unassigned: then it starts anew anyway
        }
        // the requests are applied here already: no barrier
        return restarting(statusOf(stored(connector)), units.stream().anyMatch(Unit::isInstance),
                units.stream().filter(u -> !u.isInstance()).map(Unit::task).collect(Collectors.toSet()));
    }

    @Override
    public void restartTask(ConnectorTaskId task) {
        awaitCurrentState();
        StoredConnector c = stored(task.connector());
        if (task.task() < 0 || task.task() >= c.taskConfigs().size()) {
            throw new NotFoundException("task " + task + " not found");
        }
        raft.call(Commands.restart(Unit.of(task)));
    }

    /**
     * Not under the herder's lock: the log orders concurrent writes, and the state machine takes an
     * administrator's positions only while the connector is STOPPED, whatever a worker saw when it checked.
     */
    @Override
    public void alterOffsets(String connector, ConnectorOffsets offsets) {
        awaitCurrentState();
        StoredConnector c = requireStopped(connector);
        if (isSink(c)) {
            seekSink(c, sinkSeeks(c, offsetUpdates(offsets))); // the group's position is the queue's, not the log's
            return;
        }
        requireStopped(raft.call(Commands.positions(c.name(), null, null, offsetUpdates(offsets))), connector);
    }

    @Override
    public java.util.SortedSet<String> connectorTopics(String connector) {
        awaitCurrentState();
        stored(connector);
        return state.activeTopics(connector);
    }

    @Override
    public void resetConnectorTopics(String connector) {
        awaitCurrentState();
        stored(connector);
        requireOk(raft.call(Commands.resetTopics(connector)));
    }

    @Override
    public void resetOffsets(String connector) {
        awaitCurrentState();
        StoredConnector c = requireStopped(connector);
        if (isSink(c)) {
            seekSink(c, sinkSeeks(c, null));
            return;
        }
        requireStopped(raft.call(Commands.deletePositions(c.name())), connector);
    }

    private static void requireStopped(JSONObject result, String connector) {
        if (!result.getBooleanValue("ok")) {
            // Kafka's answer to a change of a running connector's offsets: 400
            throw new BadRequestException(null, "connector " + connector + " must be STOPPED (PUT /connectors/"
                    + connector + "/stop) before its offsets are changed: " + result.getString("error"));
        }
    }

    private static void requireOk(JSONObject result) {
        if (!result.getBooleanValue("ok")) {
            String error = result.getString("error");
            if (error != null && error.endsWith("not found")) {
                throw new NotFoundException(error);
            }
            throw new BadRequestException("connector", error);
        }
    }

    // ---- what runs here ----

    @Override
    protected void stopLocally(String connector) {
        stopUnits(running.keySet().stream().filter(u -> u.connector().equals(connector)).toList(), true);
    }

    @Override
    protected void startLocally(String connector) {
        requestReconcile();
    }

    private void requestReconcile() {
        if (closing || !reconcileQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            reconciler.execute(() -> {
                reconcileQueued.set(false);
                try {
                    reconcile();
                } catch (RuntimeException e) {
                    log.warn("Reconciling with the cluster state failed (will retry): {}", e.toString());
                } finally {
                    reconciles.incrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            reconcileQueued.set(false);
        }
    }

    /** How many reconciliations ran: lets a test know this worker looked at a change. */
    long reconcileCount() {
        return reconciles.get();
    }

    private void reconcile() {
        if (closing) {
            return;
        }
        if (!lease.valid()) {
            if (!running.isEmpty()) {
                log.warn("Worker {} stops its {} units: no valid lease", me, running.size());
                stopUnits(List.copyOf(running.keySet()), false);
            }
            return;
        }
        Map<Unit, Slot> slots = state.slots();
        List<Unit> gone = new ArrayList<>();
        for (Unit unit : List.copyOf(running.keySet())) {
            Slot slot = slots.get(unit);
            if (slot == null || !me.equals(slot.owner()) || !me.equals(slot.holder())
                    || state.connector(unit.connector()).isEmpty()) {
                gone.add(unit);
            }
        }
        stopUnits(gone, true);
        slots.forEach((unit, slot) -> {
            if (me.equals(slot.holder()) && !me.equals(slot.owner()) && !running.containsKey(unit)) {
                submitQuietly(Commands.release(unit, me), "release " + unit);
            }
        });
        slots.forEach((unit, slot) -> {
            if (!me.equals(slot.owner())) {
                return;
            }
            StoredConnector c = state.connector(unit.connector()).orElse(null);
            if (c == null || c.targetState() == TargetState.STOPPED) {
                return;
            }
            if (slot.holder() == null) {
                claim(unit);
            } else if (me.equals(slot.holder())) {
                bringUp(unit, slot, c);
            }
        });
        repairStatuses();
        repairTopics();
    }

    /**
     * Publishes again a topic a task here used that the log does not show (its command was lost with a
     * leader): tasks report a topic once, so nothing else would repair it. Only for connectors whose units run
     * here, and at most once a second per topic (the reconcile's pace).
     */
    private void repairTopics() {
        Set<String> here = new java.util.HashSet<>();
        running.keySet().forEach(u -> here.add(u.connector()));
        long now = nanoClock.getAsLong();
        topicRepairs.values().removeIf(at -> now - at > TimeUnit.SECONDS.toNanos(1));
        for (String connector : here) {
            Set<String> logged = state.activeTopics(connector);
            for (String topic : worker.activeTopics().topics(connector)) {
                if (!logged.contains(topic) && topicRepairs.putIfAbsent(connector + "\u0000" + topic, now) == null) {
                    publisher.execute(() -> submitQuietly(Commands.topic(connector, topic), "topic " + topic + " of " + connector));
                }
            }
        }
    }

    /**
     * Publishes again the status of a unit running here that the log does not show as this worker's
     * current one: a status command can be lost (its leader died before answering); statuses change on
     * events, so nothing else would repair it.
     */
    private void repairStatuses() {
        for (Unit unit : List.copyOf(running.keySet())) {
            Status local = unit.isInstance() ? statuses.connector(unit.connector()) : statuses.task(unit.taskId());
            if (local.state() == State.UNASSIGNED) {
                continue;
            }
            ReportedStatus logged = state.status(unit).orElse(null);
            Long publishedAt = publishedNanos.get(unit);
            boolean inFlight = publishedAt != null && nanoClock.getAsLong() - publishedAt < TimeUnit.SECONDS.toNanos(1);
            if (!inFlight && (logged == null || logged.status().state() != local.state() || !me.equals(logged.workerId()))) {
                publish(unit, local);
            }
        }
    }

    private void claim(Unit unit) {
        if (claiming.putIfAbsent(unit, Boolean.TRUE) != null) {
            return;
        }
        raft.submit(Commands.hold(unit, me)).whenComplete((r, t) -> {
            claiming.remove(unit);
            if (t == null && r.getBooleanValue("ok")) {
                requestReconcile();
            }
        });
    }

    /** Starts the unit, or restarts it when what it runs from changed; pauses or resumes it. */
    private void bringUp(Unit unit, Slot slot, StoredConnector c) {
        boolean paused = c.targetState() == TargetState.PAUSED;
        Map<String, String> taskConfig = null;
        if (!unit.isInstance()) {
            if (unit.task() >= c.taskConfigs().size()) {
                return;
            }
            taskConfig = c.taskConfigs().get(unit.task());
        }
        Started from = new Started(c.config(), taskConfig, slot.restarts(), paused);
        Started now = running.get(unit);
        if (now != null && now.config().equals(from.config()) && Objects.equals(now.taskConfig(), from.taskConfig())
                && now.restarts() == from.restarts()) {
            if (now.paused() != paused) {
                running.put(unit, from);
                // one call pauses or resumes all of the connector's units here
                if (!Objects.equals(pausedHere.put(unit.connector(), paused), paused)) {
                    worker.setPaused(unit.connector(), paused);
                }
            }
            return;
        }
        if (now != null) {
            stopUnit(unit, false);
        }
        ConnectorConfig cc = new ConnectorConfig(c.config());
        running.put(unit, from);
        pausedHere.put(unit.connector(), paused);
        if (unit.isInstance()) {
            if (worker.startConnector(c.name(), cc, paused, () -> requestTaskConfigs(c.name()))) {
                requestTaskConfigs(c.name());
            }
        } else {
            worker.startTask(unit.taskId(), cc, taskConfig, paused);
        }
    }

    /** The connector instance running here plans its tasks; changed plans are written to the log. */
    private void requestTaskConfigs(String connector) {
        reconciler.execute(() -> {
            StoredConnector c = state.connector(connector).orElse(null);
            if (c == null || !running.containsKey(Unit.instance(connector)) || !worker.isRunning(connector)) {
                return;
            }
            List<Map<String, String>> fresh = worker.taskConfigs(connector,
                    safeMaxTasks(new ConnectorConfig(c.config())));
            if (!fresh.equals(c.taskConfigs())) {
                submitQuietly(Commands.taskConfigs(connector, me, fresh), "task configs of " + connector);
            }
        });
    }

    private void stopUnit(Unit unit, boolean release) {
        stopUnits(List.of(unit), release);
    }

    /**
     * Stops units here, the tasks all at once (a rebalance may take many away, each waiting for its
     * connector's current call to return); then, when {@code release} and this worker still holds its
     * lease, hands each back through the log so that its new owner may claim it.
     */
    private void stopUnits(List<Unit> units, boolean release) {
        if (units.isEmpty()) {
            return;
        }
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (Unit unit : units) {
            running.remove(unit);
            if (unit.isInstance()) {
                worker.stopConnector(unit.connector());
            } else {
                tasks.add(unit.taskId());
            }
        }
        if (!tasks.isEmpty()) {
            worker.stopTasks(tasks);
        }
        if (release && lease.valid()) {
            Map<Unit, Slot> slots = state.slots();
            for (Unit unit : units) {
                Slot slot = slots.get(unit);
                if (slot != null && me.equals(slot.holder())) {
                    submitQuietly(Commands.release(unit, me), "release " + unit);
                }
            }
        }
    }

    private void publish(Unit unit, Status status) {
        if (closing || !running.containsKey(unit)) {
            return;
        }
        long seq = statusSeq.incrementAndGet();
        publishedNanos.put(unit, nanoClock.getAsLong());
        publisher.execute(() -> submitQuietly(Commands.status(unit, me, status, seq), "status of " + unit));
    }

    private void submitQuietly(JSONObject command, String what) {
        raft.submit(command).whenComplete((r, t) -> {
            if (t != null) {
                log.debug("{} not committed: {}", what, t.toString());
            } else if (!r.getBooleanValue("ok")) {
                log.debug("{} refused: {}", what, r.getString("error"));
            }
        });
    }

    /** Stops everything here, hands it back to the cluster and leaves it, so others take over at once. */
    @Override
    public void close() {
        closing = true;
        safetyNet.shutdownNow();
        reconciler.shutdown();
        try {
            reconciler.awaitTermination(workerConfig.taskShutdownTimeoutMs() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Unit> units = List.copyOf(running.keySet());
        running.clear();
        worker.close();
        boolean leaseValid = lease.valid();
        leader.close();
        lease.close();
        if (leaseValid) {
            try {
                for (Unit u : units) {
                    raft.submit(Commands.release(u, me));
                }
                raft.submit(Commands.leave(me)).get(2, TimeUnit.SECONDS);
                log.info("Worker {} left the cluster", me);
            } catch (Exception e) {
                log.warn("Worker {} could not leave the cluster cleanly ({}): its lease will run out", me,
                        e.toString());
            }
        }
        publisher.shutdownNow();
    }

    /** What a unit running here was started from. */
    private record Started(Map<String, String> config, Map<String, String> taskConfig, int restarts,
                           boolean paused) {
    }
}
