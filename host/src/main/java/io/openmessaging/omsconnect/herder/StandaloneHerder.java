package io.openmessaging.omsconnect.herder;

import io.openmessaging.omsconnect.rest.entity.ConnectorOffsets;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.component.connector.Connector;
import io.openmessaging.omsconnect.config.Secrets;
import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.driver.DriverRegistry;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.rest.entity.ClusterWorkerInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorStateInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.store.ConfigStore;
import io.openmessaging.omsconnect.store.OffsetStore;
import io.openmessaging.omsconnect.store.StoredConnector;
import io.openmessaging.omsconnect.store.TargetState;
import io.openmessaging.omsconnect.store.TrackedStatusStore;
import io.openmessaging.omsconnect.worker.ConnectorConfig;
import io.openmessaging.omsconnect.worker.State;
import io.openmessaging.omsconnect.worker.Status;
import io.openmessaging.omsconnect.worker.StatusTracker;
import io.openmessaging.omsconnect.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The herder of a standalone worker: connector configs and target states live in files under the store
 * root and everything runs here. As in a cluster, a request only writes the {@link ConfigStore}, and the
 * herder reconciles on the store's change: it brings what runs here to what is stored ({@link #reconcile}),
 * whoever wrote it. Requests are serialized (one lock): they are rare next to the data path.
 */
public final class StandaloneHerder extends AbstractHerder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StandaloneHerder.class);
    private final ExecutorService reconfigurer;
    /** What runs here, per connector: the stored version it was brought to. Guarded by this. */
    private final Map<String, StoredConnector> applied = new HashMap<>();

    public StandaloneHerder(WorkerConfig workerConfig, PluginHost plugins, DriverRegistry drivers, Worker worker,
                            StatusTracker statuses, ConfigStore configs, OffsetStore positions) {
        super(workerConfig, plugins, drivers, worker, statuses, new TrackedStatusStore(statuses, workerConfig.workerId()),
                configs, positions);
        this.reconfigurer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "herder-reconfigure");
            t.setDaemon(true);
            return t;
        });
        configs.addListener(this::reconcile);
    }

    @Override
    protected String mode() {
        return "standalone";
    }

    @Override
    protected String clusterId() {
        return workerConfig.workerId();
    }

    @Override
    public synchronized List<ClusterWorkerInfo> clusterWorkers() {
        List<String> connectors = new ArrayList<>();
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (StoredConnector c : configs.all()) {
            if (worker.isRunning(c.name())) {
                connectors.add(c.name());
            }
            tasks.addAll(worker.tasks(c.name()));
        }
        return List.of(new ClusterWorkerInfo(workerConfig.workerId(), null, "standalone", true,
                System.currentTimeMillis(), Long.MAX_VALUE, connectors, tasks));
    }

    @Override
    public List<String> clusterVoters() {
        return List.of(workerConfig.workerId());
    }

    @Override
    public List<String> addClusterVoter(String workerId) {
        throw notACluster();
    }

    @Override
    public List<String> removeClusterVoter(String workerId) {
        throw notACluster();
    }

    private static BadRequestException notACluster() {
        return new BadRequestException("mode", "this worker runs standalone (mode=standalone): voting members are a cluster's");
    }

    /** Runs every stored connector in its stored target state, with its stored task configs (after a restart of the worker). */
    public synchronized void start() {
        for (StoredConnector c : configs.all()) {
            log.info("Restoring connector {} ({})", c.name(), c.targetState());
            reconcile(c.name());
        }
    }

    @Override
    public synchronized Created<ConnectorInfo> putConnectorConfig(String connector, Map<String, String> config,
                                                                  boolean allowReplace) {
        return put(connector, config, allowReplace, TargetState.STARTED, null);
    }

    @Override
    public synchronized ConnectorInfo createConnector(String connector, Map<String, String> config,
                                                      TargetState initialState, ConnectorOffsets initialOffsets) {
        return put(connector, config, false, initialState, initialOffsets).value();
    }

    /** @param targetIfNew the target state of a connector this creates; an updated one keeps its own */
    private Created<ConnectorInfo> put(String connector, Map<String, String> config, boolean allowReplace,
                                       TargetState targetIfNew, ConnectorOffsets initialOffsets) {
        StoredConnector existing = configs.get(connector).orElse(null);
        if (existing != null && !allowReplace) {
            throw new AlreadyExistsException("connector " + connector + " already exists");
        }
        Map<String, String> clean = checkedConfig(connector, config, existing);
        Map<RecordPartition, RecordOffset> initial = initialPositions(clean, initialOffsets);
        if (initial != null) {
            positions.delete(connector); // KIP-995: what a connector of this name left is replaced, not merged
            positions.commit(connector, null, initial);
        }
        TargetState target = existing == null ? targetIfNew : existing.targetState();
        log.info("Connector {} {} with config {}", connector, existing == null ? "created" : "updated",
                Secrets.mask(clean));
        // no task configs: the reconcile plans them anew for the new config
        configs.put(new StoredConnector(connector, clean, target, List.of()));
        return new Created<>(info(stored(connector)), existing == null);
    }

    @Override
    public synchronized java.util.SortedSet<String> connectorTopics(String connector) {
        stored(connector);
        return new java.util.TreeSet<>(worker.activeTopics().topics(connector));
    }

    @Override
    public synchronized void resetConnectorTopics(String connector) {
        stored(connector);
        worker.activeTopics().reset(connector);
    }

    @Override
    public synchronized void deleteConnector(String connector) {
        stored(connector);
        configs.remove(connector);
        statuses.forget(connector);
        worker.activeTopics().reset(connector);
        worker.forgetMetrics(connector);
        log.info("Connector {} deleted", connector);
    }

    @Override
    public synchronized void pauseConnector(String connector) {
        // as Kafka: a stopped connector may be paused; it starts paused
        configs.put(stored(connector).withTargetState(TargetState.PAUSED));
    }

    @Override
    public synchronized void resumeConnector(String connector) {
        configs.put(stored(connector).withTargetState(TargetState.STARTED));
    }

    @Override
    public synchronized void stopConnector(String connector) {
        configs.put(stored(connector).withTargetState(TargetState.STOPPED).withTaskConfigs(List.of()));
    }

    /**
     * Kafka Connect's restart (KIP-745): the connector instance when {@code !onlyFailed} or it failed; with
     * {@code includeTasks}, its tasks ({@code onlyFailed}: the failed ones). Tasks of a connector that is not
     * running (it failed at boot) are restarted with it. The connector always comes first: a task started
     * before its connector runs fails with "connector is not running".
     */
    @Override
    public synchronized ConnectorStateInfo restartConnector(String connector, boolean includeTasks, boolean onlyFailed) {
        StoredConnector c = stored(connector);
        if (c.targetState() == TargetState.STOPPED) {
            return connectorStatus(connector);
        }
        boolean restartInstance = !onlyFailed || statuses.connector(connector).state() == State.FAILED;
        if (restartInstance && c.taskConfigs().isEmpty()) {
            // it never started far enough to plan its tasks: a full start plans them now
            applied.remove(connector);
            reconcile(connector);
            return restarting(connectorStatus(connector), true, Set.of());
        }
        boolean wasRunning = worker.isRunning(connector);
        // a connector that is not running has no running task either: its tasks all come back with it
        List<ConnectorTaskId> tasks = includeTasks || (restartInstance && !wasRunning)
                ? tasksToRestart(c, onlyFailed && wasRunning) : List.of();
        worker.stopTasks(tasks);
        if (restartInstance) {
            worker.stopConnector(connector);
            worker.startConnector(connector, new ConnectorConfig(c.config()),
                    c.targetState() == TargetState.PAUSED, () -> requestReconfiguration(connector));
        }
        for (ConnectorTaskId id : tasks) {
            worker.startTask(id, new ConnectorConfig(c.config()), c.taskConfigs().get(id.task()),
                    c.targetState() == TargetState.PAUSED);
        }
        return restarting(connectorStatus(connector), restartInstance,
                tasks.stream().map(ConnectorTaskId::task).collect(Collectors.toSet()));
    }

    private List<ConnectorTaskId> tasksToRestart(StoredConnector c, boolean onlyFailed) {
        List<ConnectorTaskId> ids = new ArrayList<>();
        for (int i = 0; i < c.taskConfigs().size(); i++) {
            ConnectorTaskId id = new ConnectorTaskId(c.name(), i);
            if (!onlyFailed || statuses.task(id).state() == State.FAILED) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Override
    public synchronized void restartTask(ConnectorTaskId task) {
        StoredConnector c = stored(task.connector());
        if (task.task() < 0 || task.task() >= c.taskConfigs().size()) {
            throw new NotFoundException("task " + task + " not found");
        }
        worker.stopTasks(List.of(task));
        worker.startTask(task, new ConnectorConfig(c.config()), c.taskConfigs().get(task.task()),
                c.targetState() == TargetState.PAUSED);
    }

    @Override
    protected void stopLocally(String connector) {
        stopRunning(connector);
        applied.remove(connector);
    }

    @Override
    protected void startLocally(String connector) {
        reconcile(connector);
    }

    /**
     * Brings what runs here to what the store holds for the connector: told of every change of the store (on the
     * writer's thread, after the write), and called at start and after a plugin came back. A new or changed
     * config, or a start from STOPPED, (re)starts the connector and its tasks, planning the task configs when the
     * stored ones are none; a change of target between STARTED and PAUSED pauses or resumes what runs; new task
     * configs restart the tasks; a removal or STOPPED stops everything.
     */
    private synchronized void reconcile(String connector) {
        StoredConnector want = configs.get(connector).orElse(null);
        StoredConnector have = applied.get(connector);
        if (java.util.Objects.equals(want, have)) {
            return;
        }
        if (want == null || want.targetState() == TargetState.STOPPED) {
            stopRunning(connector);
            if (want == null) {
                applied.remove(connector);
            } else {
                applied.put(connector, want);
                statuses.forget(connector);
                statuses.connector(connector, Status.of(State.STOPPED));
            }
            return;
        }
        boolean paused = want.targetState() == TargetState.PAUSED;
        // a put stores no task configs (whether the config changed or not): the tasks are planned anew
        boolean replan = have != null && want.taskConfigs().isEmpty() && !have.taskConfigs().isEmpty();
        if (have == null || have.targetState() == TargetState.STOPPED || !have.config().equals(want.config()) || replan) {
            startAnew(want, paused);
        } else if (!have.taskConfigs().equals(want.taskConfigs())) {
            applied.put(connector, want);
            worker.stopTasks(worker.tasks(connector));
            startTasks(want, new ConnectorConfig(want.config()), paused);
        } else {
            applied.put(connector, want);
            worker.setPaused(connector, paused);
        }
    }

    /** Starts the connector and its tasks from nothing; plans the tasks when the stored plan is empty. */
    private void startAnew(StoredConnector want, boolean paused) {
        String connector = want.name();
        stopRunning(connector);
        applied.put(connector, want);
        ConnectorConfig cc = new ConnectorConfig(want.config());
        if (!worker.startConnector(connector, cc, paused, () -> requestReconfiguration(connector))) {
            return; // its status says why; a restart or a new config tries again
        }
        StoredConnector planned = want;
        if (want.taskConfigs().isEmpty()) {
            planned = want.withTaskConfigs(worker.taskConfigs(connector, safeMaxTasks(cc)));
            applied.put(connector, planned); // before the write, so that the change it tells is no news here
            configs.put(planned);
        }
        startTasks(planned, cc, paused);
    }

    /** @param cc {@code c}'s config, parsed once by the caller */
    private void startTasks(StoredConnector c, ConnectorConfig cc, boolean paused) {
        for (int i = 0; i < c.taskConfigs().size(); i++) {
            worker.startTask(new ConnectorTaskId(c.name(), i), cc, c.taskConfigs().get(i), paused);
        }
    }

    private void stopRunning(String connector) {
        worker.stopTasks(worker.tasks(connector));
        worker.stopConnector(connector);
    }

    private void requestReconfiguration(String connector) {
        // called from connector threads: never under their locks
        reconfigurer.execute(() -> {
            synchronized (StandaloneHerder.this) {
                configs.get(connector).ifPresent(c -> {
                    List<Map<String, String>> fresh = worker.taskConfigs(connector,
                            safeMaxTasks(new ConnectorConfig(c.config())));
                    if (!fresh.equals(c.taskConfigs())) {
                        log.info("Connector {} asked for new task configs: restarting its tasks", connector);
                        configs.put(c.withTaskConfigs(fresh)); // the reconcile restarts the tasks
                    }
                });
            }
        });
    }

    @Override
    public synchronized void close() {
        reconfigurer.shutdownNow();
        worker.close();
    }
}
