package io.openmessaging.omsconnect.worker;

import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.connector.api.component.connector.Connector;
import io.openmessaging.connector.api.component.task.sink.SinkTask;
import io.openmessaging.connector.api.component.task.source.SourceTask;
import io.openmessaging.connector.api.data.RecordConverter;
import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.convert.Converters;
import io.openmessaging.omsconnect.convert.QueuePositions;
import io.openmessaging.omsconnect.convert.RecordMessageCodec;
import io.openmessaging.omsconnect.driver.DriverRegistry;
import io.openmessaging.omsconnect.driver.OmsDriverUrl;
import io.openmessaging.omsconnect.plugin.LoaderSwap;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.plugin.PluginComponent;
import io.openmessaging.omsconnect.store.OffsetStore;
import io.openmessaging.omsconnect.transform.TransformChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Executes what the herder decides: runs connector instances and task threads on this worker. Each task
 * owns a named thread ({@code task-<connector>-<n>}) and the driver clients it uses. Thread-safe. Not final:
 * herders are unit-tested against a mocked one.
 */
public class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    /** Connector config: restart failed tasks automatically (default true), and the backoff between tries. */
    public static final String TASK_RESTART_ENABLE = ConnectorKeys.TASK_RESTART_ENABLE;
    public static final String TASK_RESTART_BACKOFF = ConnectorKeys.TASK_RESTART_BACKOFF;
    public static final String TASK_RESTART_BACKOFF_MAX = ConnectorKeys.TASK_RESTART_BACKOFF_MAX;

    private final WorkerConfig workerConfig;
    private final PluginHost plugins;
    private final DriverRegistry drivers;
    private final OffsetStore positions;
    private final StatusTracker statuses;
    private final Converters converters;
    private final Map<String, WorkerConnector> connectors = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, RunningTask> tasks = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, TaskMetrics> metrics = new ConcurrentHashMap<>();
    private final ActiveTopics activeTopics = new ActiveTopics();
    private volatile BooleanSupplier mayRun = () -> true;
    /** tells how long a task ran before it failed, which decides its restart backoff */
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService restarter;

    public Worker(WorkerConfig workerConfig, PluginHost plugins, DriverRegistry drivers, OffsetStore positions,
                  StatusTracker statuses) {
        this(workerConfig, plugins, drivers, positions, statuses, System::nanoTime,
                Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "task-restarter");
                    t.setDaemon(true);
                    return t;
                }));
    }

    /**
     * For unit tests: a manual {@code nanoClock} decides when a task "ran well" without waiting for it, and a
     * {@code restarter} they run by hand shows each restart's backoff without sleeping through it. Stop
     * timeouts stay real time.
     */
    Worker(WorkerConfig workerConfig, PluginHost plugins, DriverRegistry drivers, OffsetStore positions,
           StatusTracker statuses, LongSupplier nanoClock, ScheduledExecutorService restarter) {
        this.workerConfig = workerConfig;
        this.plugins = plugins;
        this.drivers = drivers;
        this.positions = positions;
        this.statuses = statuses;
        this.converters = new Converters(plugins);
        this.nanoClock = nanoClock;
        this.restarter = restarter;
    }

    /**
     * What every task checks before each round: a cluster's herder makes it the lease, so that a worker that
     * was paused or cut off starts no new call into a connector another worker may run by now.
     */
    public void fence(BooleanSupplier mayRun) {
        this.mayRun = mayRun;
    }

    public Converters converters() {
        return converters;
    }

    /** The topics the tasks of each connector on this worker used (KIP-558). */
    public ActiveTopics activeTopics() {
        return activeTopics;
    }

    /** @return true when the connector started; false when it failed (its status says why) */
    @SuppressWarnings("rawtypes")
    public boolean startConnector(String name, ConnectorConfig config, boolean paused, Runnable onReconfigure) {
        if (connectors.containsKey(name)) {
            throw new IllegalStateException("connector " + name + " already runs");
        }
        Connector instance;
        try {
            instance = plugins.newInstance(config.connectorClass(), Connector.class);
        } catch (RuntimeException e) {
            statuses.connector(name, Status.failed(e));
            log.error("Connector {} could not be created: {}", name, e.toString());
            return false;
        }
        WorkerConnector wc = new WorkerConnector(name, instance, config, statuses, onReconfigure);
        if (!wc.start(paused)) {
            wc.stop();
            return false;
        }
        connectors.put(name, wc);
        return true;
    }

    public boolean isRunning(String connector) {
        return connectors.containsKey(connector);
    }

    /** The task configs of a running connector. */
    public List<Map<String, String>> taskConfigs(String connector, int maxTasks) {
        WorkerConnector wc = connectors.get(connector);
        if (wc == null) {
            return List.of();
        }
        try {
            return wc.taskConfigs(maxTasks);
        } catch (Throwable t) {
            statuses.connector(connector, Status.failed(t));
            log.error("Connector {} failed to give task configs: {}", connector, t.toString());
            return List.of();
        }
    }

    public void stopConnector(String connector) {
        WorkerConnector wc = connectors.remove(connector);
        if (wc != null) {
            wc.stop();
        }
    }

    /**
     * Starts one task thread. Failures to create it (unknown class, driver down, bad converter) are the
     * task's: it is marked FAILED with the trace, and restarted with backoff like a task that failed running.
     */
    public synchronized void startTask(ConnectorTaskId id, ConnectorConfig connectorConfig,
                                       Map<String, String> taskConfig, boolean paused) {
        startTask(id, connectorConfig, taskConfig, paused, 0);
    }

    private void startTask(ConnectorTaskId id, ConnectorConfig connectorConfig, Map<String, String> taskConfig,
                           boolean paused, int failures) {
        if (tasks.containsKey(id)) {
            throw new IllegalStateException("task " + id + " already runs");
        }
        String driverUrl = connectorConfig.omsDriverUrl(workerConfig.omsDriverUrl());
        RunningTask running = new RunningTask(id, connectorConfig, taskConfig, driverUrl, failures);
        running.paused = paused;
        try {
            // the task's class comes from its connector's plugin: the connector instance itself may run on
            // another worker of a cluster
            ClassLoader loader = plugins.component(connectorConfig.connectorClass()).map(PluginComponent::loader)
                    .orElseThrow(() -> new IllegalStateException("no plugin has the connector class "
                            + connectorConfig.connectorClass() + " of task " + id));
            Class<?> taskClass;
            Object task;
            try (LoaderSwap ignored = LoaderSwap.to(loader)) {
                String className = taskConfig.getOrDefault(WorkerConnector.TASK_CLASS,
                        taskConfig.get(WorkerConnector.LEGACY_TASK_CLASS));
                taskClass = Class.forName(className, true, loader);
                task = taskClass.getDeclaredConstructor().newInstance();
            }
            RecordConverter valueConverter = converters.create(connectorConfig.get(ConnectorConfig.VALUE_CONVERTER),
                    connectorConfig.subConfig("value.converter."), ConnectorConfig.VALUE_CONVERTER);
            RecordConverter keyConverter = converters.create(connectorConfig.get(ConnectorConfig.KEY_CONVERTER),
                    connectorConfig.subConfig("key.converter."), ConnectorConfig.KEY_CONVERTER);
            RecordMessageCodec codec = new RecordMessageCodec(valueConverter, keyConverter);
            TransformChain transforms = TransformChain.create(connectorConfig, plugins);
            running.accessPoint = drivers.acquire(driverUrl);
            TaskMetrics m = metrics.computeIfAbsent(id, k -> new TaskMetrics());
            String dlqTopic = connectorConfig.getString(ErrorPolicy.DLQ_TOPIC);
            if (dlqTopic != null) {
                running.deadLetters = new DeadLetterQueue(id, dlqTopic, running.accessPoint);
            }
            ErrorPolicy errors = new ErrorPolicy(id, connectorConfig, m, running.deadLetters);
            WorkerTask workerTask;
            if (task instanceof SourceTask source) {
                workerTask = new WorkerSourceTask(id, source, taskConfig, connectorConfig, running.accessPoint, codec,
                        transforms, positions, new SendMetadata(OmsDriverUrl.parse(driverUrl).driver()),
                        workerConfig.offsetFlushIntervalMs(), errors, statuses, m, paused);
            } else if (task instanceof SinkTask sink) {
                if (connectorConfig.topics().isEmpty()) {
                    throw new IllegalArgumentException("sink connector needs " + ConnectorConfig.TOPICS);
                }
                QueuePositions queuePositions = new QueuePositions(OmsDriverUrl.parse(driverUrl).driver());
                workerTask = new WorkerSinkTask(id, sink, taskConfig, connectorConfig, running.accessPoint, queuePositions,
                        codec, transforms, workerConfig.offsetFlushIntervalMs(), errors, statuses, m, paused);
            } else {
                throw new IllegalArgumentException(taskClass.getName() + " is neither a SourceTask nor a SinkTask");
            }
            running.task = workerTask;
            workerTask.recordTopicsTo(activeTopics.recorder(id.connector()));
            workerTask.onFailure(this::taskFailed);
            workerTask.fence(mayRun);
            statuses.task(id, Status.of(paused ? State.PAUSED : State.RUNNING));
            Thread thread = new Thread(workerTask, "task-" + id.connector() + "-" + id.task());
            thread.setDaemon(true);
            tasks.put(id, running);
            thread.start();
        } catch (Throwable t) {
            running.release();
            statuses.task(id, Status.failed(t));
            log.error("Task {} could not start: {}", id, t.toString());
            tasks.put(id, running);
            scheduleRestart(running);
        }
    }

    private void taskFailed(WorkerTask task) {
        RunningTask running = tasks.get(task.id());
        if (running != null && running.task == task) {
            scheduleRestart(running);
        }
    }

    /** Exponential backoff: {@code task-restart-backoff-ms} (1 s) doubling up to {@code task-restart-backoff-max-ms} (60 s). */
    private void scheduleRestart(RunningTask running) {
        ConnectorConfig cc = running.connectorConfig;
        if (!cc.getBoolean(TASK_RESTART_ENABLE) || restarter.isShutdown()) {
            return;
        }
        long initial = cc.getLong(TASK_RESTART_BACKOFF);
        long max = cc.getLong(TASK_RESTART_BACKOFF_MAX);
        // a task that ran well for longer than the longest backoff starts counting its failures anew
        boolean ranWell = nanoClock.getAsLong() - running.startedAt > TimeUnit.MILLISECONDS.toNanos(max);
        int attempt = ranWell ? 1 : running.failures + 1;
        long delay = Math.min(max, initial << Math.min(attempt - 1, 20));
        log.info("Task {} will be restarted in {} ms (attempt {})", running.id, delay, attempt);
        restarter.schedule(() -> restartFailed(running, attempt), delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void restartFailed(RunningTask failed, int attempt) {
        if (tasks.get(failed.id) != failed || statuses.task(failed.id).state() != State.FAILED) {
            return; // stopped, restarted or replaced meanwhile
        }
        stopTasks(List.of(failed.id));
        startTask(failed.id, failed.connectorConfig, failed.taskConfig, failed.paused, attempt);
    }

    /**
     * Moves a sink connector's consumer group, for Kafka's {@code PATCH}/{@code DELETE} of a stopped sink's
     * offsets: a consumer of the group, made here for the purpose, makes each seek, which the driver keeps as the
     * group's position (see {@link QueueSeek}). Call it while none of the connector's tasks runs.
     *
     * @throws io.openmessaging.exception.OMSNotSupportedException when the driver cannot seek
     * @throws io.openmessaging.exception.OMSRuntimeException when it refuses an offset
     */
    public void seekSinkGroup(String connector, ConnectorConfig config, List<QueueSeek> seeks) {
        String driverUrl = config.omsDriverUrl(workerConfig.omsDriverUrl());
        MessagingAccessPoint accessPoint = drivers.acquire(driverUrl);
        try {
            PullConsumer consumer = WorkerSinkTask.startedConsumer(accessPoint, WorkerSinkTask.consumerGroup(connector, config),
                    seeks.stream().map(QueueSeek::topic).distinct().toList());
            try {
                seeks.forEach(seek -> consumer.attachQueue(seek.topic(), seek.attributes()));
            } finally {
                consumer.shutdown();
            }
            log.info("Connector {}: its consumer group reads from {} on", connector, seeks);
        } finally {
            drivers.release(driverUrl);
        }
    }

    public Set<ConnectorTaskId> tasks(String connector) {
        Set<ConnectorTaskId> out = new java.util.TreeSet<>();
        for (ConnectorTaskId id : tasks.keySet()) {
            if (id.connector().equals(connector)) {
                out.add(id);
            }
        }
        return out;
    }

    public synchronized void setPaused(String connector, boolean paused) {
        for (ConnectorTaskId id : tasks(connector)) {
            RunningTask t = tasks.get(id);
            if (t != null) {
                t.paused = paused; // also when its run failed: the restart starts it so
                if (t.task != null) {
                    t.task.setPaused(paused);
                }
            }
        }
        if (connectors.containsKey(connector)) {
            statuses.connector(connector, Status.of(paused ? State.PAUSED : State.RUNNING));
        }
    }

    /**
     * Stops tasks, all at once, waiting up to the shutdown timeout; a task still running then is abandoned
     * (its thread interrupted and left) and reported.
     *
     * @return the tasks that had to be abandoned
     */
    public synchronized List<ConnectorTaskId> stopTasks(Collection<ConnectorTaskId> ids) {
        List<RunningTask> stopping = new ArrayList<>();
        for (ConnectorTaskId id : ids) {
            RunningTask t = tasks.remove(id);
            if (t != null) {
                if (t.task != null) {
                    t.task.requestStop();
                }
                stopping.add(t);
            }
        }
        List<ConnectorTaskId> abandoned = new ArrayList<>();
        long deadline = System.currentTimeMillis() + workerConfig.taskShutdownTimeoutMs();
        for (RunningTask t : stopping) {
            try {
                if (t.task != null && !t.task.awaitStop(Math.max(1, deadline - System.currentTimeMillis()))) {
                    abandoned.add(t.id);
                    t.task.cancel();
                    statuses.task(t.id, Status.failed(new TaskStopTimeoutException("task " + t.id
                            + " did not stop within " + workerConfig.taskShutdownTimeoutMs() + " ms and was abandoned")));
                    log.error("Task {} did not stop within {} ms and was abandoned", t.id,
                            workerConfig.taskShutdownTimeoutMs());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            t.release();
        }
        return abandoned;
    }

    public Map<ConnectorTaskId, TaskMetrics> metrics() {
        return new TreeMap<>(metrics);
    }

    public void forgetMetrics(String connector) {
        metrics.keySet().removeIf(id -> id.connector().equals(connector));
    }

    @Override
    public void close() {
        restarter.shutdownNow();
        stopTasks(new ArrayList<>(tasks.keySet()));
        for (String c : new ArrayList<>(connectors.keySet())) {
            stopConnector(c);
        }
    }

    /** A task this worker runs (or keeps to restart after a failure), and what it holds. */
    private final class RunningTask {
        final ConnectorTaskId id;
        final ConnectorConfig connectorConfig;
        final Map<String, String> taskConfig;
        final String driverUrl;
        final int failures;
        final long startedAt = nanoClock.getAsLong();
        WorkerTask task;
        MessagingAccessPoint accessPoint;
        DeadLetterQueue deadLetters;
        /** what the herder wants, paused or running: a restart after a failure starts the task so */
        volatile boolean paused;

        RunningTask(ConnectorTaskId id, ConnectorConfig connectorConfig, Map<String, String> taskConfig,
                    String driverUrl, int failures) {
            this.id = id;
            this.connectorConfig = connectorConfig;
            this.taskConfig = taskConfig;
            this.driverUrl = driverUrl;
            this.failures = failures;
        }

        /** Gives back the driver clients; once. */
        void release() {
            if (deadLetters != null) {
                try {
                    deadLetters.close();
                } catch (RuntimeException e) {
                    log.warn("Task {}: dead letter producer did not close: {}", id, e.toString());
                }
                deadLetters = null;
            }
            if (accessPoint != null) {
                accessPoint = null;
                drivers.release(driverUrl);
            }
        }
    }
}
