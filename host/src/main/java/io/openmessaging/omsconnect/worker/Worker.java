package io.openmessaging.omsconnect.worker;

import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.connector.api.component.connector.Connector;
import io.openmessaging.connector.api.component.task.sink.SinkTask;
import io.openmessaging.connector.api.component.task.source.SourceTask;
import io.openmessaging.connector.api.data.RecordConverter;
import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.convert.Converters;
import io.openmessaging.omsconnect.convert.RecordMessageCodec;
import io.openmessaging.omsconnect.driver.DriverRegistry;
import io.openmessaging.omsconnect.plugin.LoaderSwap;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.store.PositionStore;
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

/**
 * Executes what the herder decides: runs connector instances and task threads on this worker. Each task
 * owns a named thread ({@code task-<connector>-<n>}) and the driver clients it uses. Thread-safe.
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final WorkerConfig workerConfig;
    private final PluginHost plugins;
    private final DriverRegistry drivers;
    private final PositionStore positions;
    private final StatusTracker statuses;
    private final Converters converters;
    private final Map<String, WorkerConnector> connectors = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, RunningTask> tasks = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, TaskMetrics> metrics = new ConcurrentHashMap<>();

    public Worker(WorkerConfig workerConfig, PluginHost plugins, DriverRegistry drivers, PositionStore positions,
                  StatusTracker statuses) {
        this.workerConfig = workerConfig;
        this.plugins = plugins;
        this.drivers = drivers;
        this.positions = positions;
        this.statuses = statuses;
        this.converters = new Converters(plugins);
    }

    public Converters converters() {
        return converters;
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
     * task's: it is marked FAILED with the trace.
     */
    public void startTask(ConnectorTaskId id, ConnectorConfig connectorConfig, Map<String, String> taskConfig,
                          boolean paused) {
        if (tasks.containsKey(id)) {
            throw new IllegalStateException("task " + id + " already runs");
        }
        WorkerConnector wc = connectors.get(id.connector());
        String driverUrl = connectorConfig.omsDriverUrl(workerConfig.omsDriverUrl());
        MessagingAccessPoint accessPoint = null;
        try {
            if (wc == null) {
                throw new IllegalStateException("connector " + id.connector() + " is not running");
            }
            Class<?> taskClass;
            Object task;
            try (LoaderSwap ignored = LoaderSwap.to(wc.loader())) {
                taskClass = Class.forName(taskConfig.get(WorkerConnector.TASK_CLASS), true, wc.loader());
                task = taskClass.getDeclaredConstructor().newInstance();
            }
            RecordConverter valueConverter = converters.create(connectorConfig.get(ConnectorConfig.VALUE_CONVERTER),
                    connectorConfig.subConfig("value.converter."), ConnectorConfig.VALUE_CONVERTER);
            RecordConverter keyConverter = converters.create(connectorConfig.get(ConnectorConfig.KEY_CONVERTER),
                    connectorConfig.subConfig("key.converter."), ConnectorConfig.KEY_CONVERTER);
            RecordMessageCodec codec = new RecordMessageCodec(valueConverter, keyConverter);
            TransformChain transforms = TransformChain.create(connectorConfig.transformAliases(),
                    connectorConfig.asMap(), plugins);
            accessPoint = drivers.acquire(driverUrl);
            TaskMetrics m = metrics.computeIfAbsent(id, k -> new TaskMetrics());
            WorkerTask workerTask;
            if (task instanceof SourceTask source) {
                workerTask = new WorkerSourceTask(id, source, taskConfig, connectorConfig, accessPoint, codec,
                        transforms, positions, workerConfig.offsetFlushIntervalMs(), statuses, m, paused);
            } else if (task instanceof SinkTask sink) {
                if (connectorConfig.topics().isEmpty()) {
                    throw new IllegalArgumentException("sink connector needs " + ConnectorConfig.TOPICS);
                }
                workerTask = new WorkerSinkTask(id, sink, taskConfig, connectorConfig, accessPoint, codec,
                        transforms, workerConfig.offsetFlushIntervalMs(), statuses, m, paused);
            } else {
                throw new IllegalArgumentException(taskClass.getName() + " is neither a SourceTask nor a SinkTask");
            }
            statuses.task(id, Status.of(paused ? State.PAUSED : State.RUNNING));
            Thread thread = new Thread(workerTask, "task-" + id.connector() + "-" + id.task());
            thread.setDaemon(true);
            tasks.put(id, new RunningTask(workerTask, driverUrl));
            thread.start();
        } catch (Throwable t) {
            if (accessPoint != null) {
                drivers.release(driverUrl);
            }
            statuses.task(id, Status.failed(t));
            log.error("Task {} could not start: {}", id, t.toString());
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

    public void setPaused(String connector, boolean paused) {
        for (ConnectorTaskId id : tasks(connector)) {
            RunningTask t = tasks.get(id);
            if (t != null) {
                t.task().setPaused(paused);
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
    public List<ConnectorTaskId> stopTasks(Collection<ConnectorTaskId> ids) {
        List<RunningTask> stopping = new ArrayList<>();
        for (ConnectorTaskId id : ids) {
            RunningTask t = tasks.remove(id);
            if (t != null) {
                t.task().requestStop();
                stopping.add(t);
            }
        }
        List<ConnectorTaskId> abandoned = new ArrayList<>();
        long deadline = System.currentTimeMillis() + workerConfig.taskShutdownTimeoutMs();
        for (RunningTask t : stopping) {
            try {
                if (!t.task().awaitStop(Math.max(1, deadline - System.currentTimeMillis()))) {
                    abandoned.add(t.task().id());
                    log.error("Task {} did not stop within {} ms and was abandoned", t.task().id(),
                            workerConfig.taskShutdownTimeoutMs());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drivers.release(t.driverUrl());
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
        stopTasks(new ArrayList<>(tasks.keySet()));
        for (String c : new ArrayList<>(connectors.keySet())) {
            stopConnector(c);
        }
    }

    private record RunningTask(WorkerTask task, String driverUrl) {
    }
}
