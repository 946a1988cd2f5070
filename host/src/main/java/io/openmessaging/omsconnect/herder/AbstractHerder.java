package io.openmessaging.omsconnect.herder;

import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.omsconnect.convert.QueuePositions;
import io.openmessaging.omsconnect.worker.ConnectorKeys;
import io.openmessaging.omsconnect.worker.QueueSeek;
import io.openmessaging.omsconnect.api.config.ConfigDeclaring;
import io.openmessaging.omsconnect.config.Secrets;
import io.openmessaging.omsconnect.convert.Converters;
import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.driver.DriverException;
import io.openmessaging.omsconnect.driver.DriverInfo;
import io.openmessaging.omsconnect.driver.DriverRegistry;
import io.openmessaging.omsconnect.logging.LogLevels;
import io.openmessaging.omsconnect.driver.OmsDriverUrl;
import io.openmessaging.omsconnect.plugin.ComponentType;
import io.openmessaging.omsconnect.plugin.LoaderSwap;
import io.openmessaging.omsconnect.plugin.PluginComponent;
import io.openmessaging.omsconnect.plugin.NotLoadedPlugin;
import io.openmessaging.omsconnect.plugin.PluginDescriptorInfo;
import io.openmessaging.omsconnect.plugin.PluginException;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.plugin.PluginListener;
import io.openmessaging.omsconnect.rest.entity.ConfigInfos;
import io.openmessaging.omsconnect.rest.entity.ConnectorInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorOffsets;
import io.openmessaging.omsconnect.rest.entity.ConnectorPluginInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorStateInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.rest.entity.TaskInfo;
import io.openmessaging.omsconnect.rest.entity.WorkerInfo;
import io.openmessaging.omsconnect.store.ConfigStore;
import io.openmessaging.omsconnect.store.OffsetStore;
import io.openmessaging.omsconnect.store.ReportedStatus;
import io.openmessaging.omsconnect.store.StatusStore;
import io.openmessaging.omsconnect.store.StoredConnector;
import io.openmessaging.omsconnect.store.TargetState;
import io.openmessaging.omsconnect.transform.PredicateSpec;
import io.openmessaging.omsconnect.transform.TransformSpec;
import io.openmessaging.omsconnect.worker.ConnectorConfig;
import io.openmessaging.omsconnect.worker.Status;
import io.openmessaging.omsconnect.worker.StatusTracker;
import io.openmessaging.omsconnect.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every herder does the same way, standalone or in a cluster: validation, the views of connectors,
 * statuses and offsets, secrets masking and this worker's own administration (plugins, drivers, metrics).
 * Subclasses decide where things run and how writes reach the stores.
 */
public abstract class AbstractHerder implements Herder {
    private static final Logger log = LoggerFactory.getLogger(AbstractHerder.class);
    private static final String VERSION = "0.1.0";
    protected final WorkerConfig workerConfig;
    protected final PluginHost plugins;
    protected final DriverRegistry drivers;
    protected final ConfigStore configs;
    protected final OffsetStore positions;
    /** Where this worker's own tasks report (a cluster's herder publishes from it). */
    protected final StatusTracker statuses;
    /** What status calls are answered from: every connector's and task's, with the worker that reported it. */
    protected final StatusStore statusStore;
    protected final Worker worker;
    protected final LogLevels logLevels = new LogLevels(System::currentTimeMillis);
    private final ConnectorValidator validator;

    protected AbstractHerder(WorkerConfig workerConfig, PluginHost plugins, DriverRegistry drivers, Worker worker,
                             StatusTracker statuses, StatusStore statusStore, ConfigStore configs,
                             OffsetStore positions) {
        this.workerConfig = workerConfig;
        this.plugins = plugins;
        this.drivers = drivers;
        this.worker = worker;
        this.statuses = statuses;
        this.statusStore = statusStore;
        this.configs = configs;
        this.positions = positions;
        this.validator = new ConnectorValidator(plugins, worker.converters(), this::driverProblem, workerConfig.omsDriverUrl());
        plugins.addListener(new PluginListener() {
            @Override
            public void pluginUnloading(PluginDescriptorInfo plugin) {
                stopConnectorsOf(plugin.id());
            }
        });
    }

    /** Stops what of the connector runs on this worker (its plugin is about to go). */
    protected abstract void stopLocally(String connector);

    /** Starts again what of the connector should run on this worker (its plugin is back). */
    protected abstract void startLocally(String connector);

    /**
     * Waits until this worker's view of the stores includes every change made anywhere before the call
     * (a cluster's reads); a standalone worker's view always does.
     */
    protected void awaitCurrentState() {
    }

    /** Why this worker refuses a connector's OMS driver URL, or null when it does not. */
    protected String refusedDriver(String url) {
        return null;
    }

    /** "standalone" or "distributed". */
    protected abstract String mode();

    /** The id of the cluster this worker belongs to; a standalone worker is a cluster of its own. */
    protected abstract String clusterId();


    // ---- connectors ----

    @Override
    public WorkerInfo workerInfo() {
        return new WorkerInfo(VERSION, workerConfig.workerId(), mode(), clusterId(), workerConfig.omsDriverUrl());
    }

    @Override
    public List<String> connectors() {
        awaitCurrentState();
        return configs.all().stream().map(StoredConnector::name).sorted().toList();
    }

    @Override
    public ConnectorInfo connectorInfo(String connector) {
        awaitCurrentState();
        StoredConnector c = stored(connector);
        return info(c);
    }

    protected ConnectorInfo info(StoredConnector c) {
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (int i = 0; i < c.taskConfigs().size(); i++) {
            tasks.add(new ConnectorTaskId(c.name(), i));
        }
        return new ConnectorInfo(c.name(), shownConfig(c), tasks, typeOf(c.config()));
    }

    /** The config as Kafka Connect shows it: with {@code name} (stored apart from the config), secrets masked. */
    protected static Map<String, String> shownConfig(StoredConnector c) {
        Map<String, String> config = new LinkedHashMap<>(c.config());
        config.put("name", c.name());
        return Secrets.mask(config);
    }

    @Override
    public Map<String, String> connectorConfig(String connector) {
        awaitCurrentState();
        return shownConfig(stored(connector));
    }

    /**
     * Merges into the stored config (real secrets, not their masks) and puts the result. In a cluster two
     * patches at once may each miss the other's keys (the last put wins), as two PUTs would.
     */
    @Override
    public ConnectorInfo patchConnectorConfig(String connector, Map<String, String> patch) {
        awaitCurrentState();
        Map<String, String> merged = new LinkedHashMap<>(stored(connector).config());
        patch.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        return putConnectorConfig(connector, merged, true).value();
    }

    /**
     * A config read with GET (secrets shown as {@link Secrets#MASK}) and PUT back must not replace the
     * secrets with the mask: a value equal to the masked form of the stored one keeps the stored one.
     */
    /**
     * The config a PUT asks for, checked: a valid name, no {@code name} key, masked secrets read back with
     * GET kept as stored, every value valid. Nothing is stored here.
     *
     * @throws BadRequestException naming the first wrong field
     */
    protected Map<String, String> checkedConfig(String connector, Map<String, String> config,
                                                StoredConnector existing) {
        ConnectorNames.validate(connector);
        Map<String, String> clean = new LinkedHashMap<>(config);
        clean.remove("name");
        if (existing != null) {
            keepMaskedSecrets(clean, existing.config());
        }
        Map<String, String> named = new LinkedHashMap<>(clean);
        named.put("name", connector); // the name is the connector's, whatever the body said (checked by the caller)
        validator.requireValid(new ConnectorConfig(named));
        return clean;
    }

    private static void keepMaskedSecrets(Map<String, String> config, Map<String, String> stored) {
        Map<String, String> masked = Secrets.mask(stored);
        config.replaceAll((key, value) -> {
            String before = stored.get(key);
            return before != null && !before.equals(value) && value.equals(masked.get(key)) ? before : value;
        });
    }

    @Override
    public ConnectorStateInfo connectorStatus(String connector) {
        awaitCurrentState();
        return statusOf(stored(connector));
    }

    /** The connector's status as this worker's view of the stores has it (no wait for the cluster). */
    protected ConnectorStateInfo statusOf(StoredConnector c) {
        String connector = c.name();
        ReportedStatus s = statusStore.connector(connector);
        String version = versionOf(c.config());
        List<ConnectorStateInfo.TaskState> tasks = new ArrayList<>();
        for (int i = 0; i < c.taskConfigs().size(); i++) {
            tasks.add(taskState(new ConnectorTaskId(connector, i), version));
        }
        return new ConnectorStateInfo(connector, new ConnectorStateInfo.ConnectorState(s.status().state().name(),
                s.workerId(), s.status().trace(), version), tasks, typeOf(c.config()));
    }

    private ConnectorStateInfo.TaskState taskState(ConnectorTaskId id, String version) {
        ReportedStatus s = statusStore.task(id);
        return new ConnectorStateInfo.TaskState(id.task(), s.status().state().name(), s.workerId(), s.status().trace(),
                version);
    }

    @Override
    public List<TaskInfo> taskConfigs(String connector) {
        awaitCurrentState();
        StoredConnector c = stored(connector);
        List<TaskInfo> out = new ArrayList<>();
        for (int i = 0; i < c.taskConfigs().size(); i++) {
            // as Kafka shows a task's config: with the connector's name
            Map<String, String> config = new LinkedHashMap<>(c.taskConfigs().get(i));
            config.putIfAbsent("name", connector);
            out.add(new TaskInfo(new ConnectorTaskId(connector, i), Secrets.mask(config)));
        }
        return out;
    }

    @Override
    public ConnectorStateInfo.TaskState taskStatus(ConnectorTaskId task) {
        awaitCurrentState();
        StoredConnector c = stored(task.connector());
        if (task.task() < 0 || task.task() >= c.taskConfigs().size()) {
            throw new NotFoundException("task " + task + " not found");
        }
        return taskState(task, versionOf(c.config()));
    }

    // ---- offsets ----

    @Override
    public ConnectorOffsets offsets(String connector) {
        awaitCurrentState();
        StoredConnector c = stored(connector);
        List<ConnectorOffsets.PartitionOffset> out = new ArrayList<>();
        if ("source".equals(typeOf(c.config()))) {
            positions.positions(connector).forEach((p, o) -> out.add(new ConnectorOffsets.PartitionOffset(
                    new LinkedHashMap<>(p.getPartition()), new LinkedHashMap<>(o.getOffset()))));
        }
        return new ConnectorOffsets(out);
    }

    @Override
    public synchronized void alterOffsets(String connector, ConnectorOffsets offsets) {
        StoredConnector c = requireStopped(connector);
        if (isSink(c)) {
            seekSink(c, sinkSeeks(c, offsetUpdates(offsets)));
            return;
        }
        positions.commit(c.name(), null, offsetUpdates(offsets));
    }

    /**
     * The positions a connector created with {@code initial_offsets} (KIP-995) starts from, replacing any a
     * connector of that name left; null when none are given.
     *
     * @throws BadRequestException when given for a sink (its offsets belong to the queue's consumer group)
     */
    protected Map<RecordPartition, RecordOffset> initialPositions(Map<String, String> config, ConnectorOffsets initialOffsets) {
        if (initialOffsets == null) {
            return null;
        }
        if (!"source".equals(typeOf(config))) {
            // a sink's are its consumer group's position: moved by a PATCH once the connector exists and is STOPPED
            throw new BadRequestException("initial_offsets", "initial_offsets are for source connectors: a sink's offsets "
                    + "are its consumer group's position; create it STOPPED (initial_state), PATCH its offsets, then resume it");
        }
        Map<RecordPartition, RecordOffset> positions = new LinkedHashMap<>(offsetUpdates(initialOffsets));
        positions.values().removeIf(java.util.Objects::isNull); // nothing to remove from a fresh start
        return positions;
    }

    /** The positions a PATCH asks for; a null offset removes its partition. */
    protected static Map<RecordPartition, RecordOffset> offsetUpdates(ConnectorOffsets offsets) {
        if (offsets == null || offsets.offsets() == null) {
            throw new BadRequestException("offsets", "body must be {\"offsets\": [{\"partition\": {...}, \"offset\": {...}}]}");
        }
        Map<RecordPartition, RecordOffset> updates = new LinkedHashMap<>();
        for (ConnectorOffsets.PartitionOffset po : offsets.offsets()) {
            if (po == null || po.partition() == null || po.partition().isEmpty()) {
                throw new BadRequestException("partition", "every entry needs a non-empty \"partition\"");
            }
            updates.put(new RecordPartition(po.partition()), po.offset() == null ? null : new RecordOffset(po.offset()));
        }
        return updates;
    }

    @Override
    public synchronized void resetOffsets(String connector) {
        StoredConnector c = requireStopped(connector);
        if (isSink(c)) {
            seekSink(c, sinkSeeks(c, null));
            return;
        }
        positions.delete(c.name());
    }

    protected StoredConnector requireStopped(String connector) {
        StoredConnector c = stored(connector);
        if (c.targetState() != TargetState.STOPPED) {
            // Kafka's answer to a change of a running connector's offsets: 400
            throw new BadRequestException(null, "connector " + connector + " must be STOPPED (PUT /connectors/"
                    + connector + "/stop) before its offsets are changed");
        }
        return c;
    }

    protected boolean isSink(StoredConnector c) {
        return "sink".equals(typeOf(c.config()));
    }

    /**
     * What a PATCH (or, with null, a DELETE) asks of a sink: the seeks of its consumer group. A sink's partition
     * names one of its topics ({@code {"topic": …}}, as its records' partitions do, and their {@code queueId} where a
     * topic has several queues, as on Kafka) and its offset is {@code {"queueOffset": n}}; a null offset, and a
     * DELETE, mean the queue's start (offset 0).
     */
    protected static List<QueueSeek> sinkSeeks(StoredConnector c, Map<RecordPartition, RecordOffset> updates) {
        List<String> topics = new ConnectorConfig(c.config()).topics();
        List<QueueSeek> seeks = new ArrayList<>();
        if (updates == null) {
            topics.forEach(topic -> seeks.add(new QueueSeek(topic, null, 0)));
            return seeks;
        }
        updates.forEach((partition, offset) -> {
            Long queueOffset = QueuePositions.queueOffsetOf(offset);
            QueueSeek seek;
            try {
                seek = QueueSeek.of(partition, topics, queueOffset == null ? 0 : queueOffset);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("partition", e.getMessage());
            }
            if (offset != null && (queueOffset == null || queueOffset < 0)) {
                throw new BadRequestException("offset", "a sink's offset is {\"" + QueuePositions.QUEUE_OFFSET
                        + "\": <a queue offset, 0 or more>} or null (the queue's start), not " + offset.getOffset());
            }
            seeks.add(seek);
        });
        return seeks;
    }

    /** Moves a stopped sink's consumer group on this worker's driver; a driver that cannot is the caller's 400. */
    protected void seekSink(StoredConnector c, List<QueueSeek> seeks) {
        try {
            worker.seekSinkGroup(c.name(), new ConnectorConfig(c.config()), seeks);
        } catch (OMSNotSupportedException e) {
            throw new BadRequestException(ConnectorKeys.OMS_DRIVER_URL, "the offsets of sink " + c.name()
                    + " are its consumer group's position, which its driver cannot move: " + e.getMessage());
        } catch (OMSRuntimeException e) {
            throw new BadRequestException("offset", "the driver refused the offsets of sink " + c.name() + ": " + e.getMessage());
        }
    }

    // ---- validation ----

    @Override
    public ConfigInfos validateConnectorConfig(String connectorClass, Map<String, String> config) {
        Map<String, String> withClass = new LinkedHashMap<>(config);
        ConnectorConfig given = new ConnectorConfig(config);
        // as Kafka, the class the body names is validated, and names the answer (the path only has to agree
        // with it); a body naming none gets the path's
        if (given.connectorClass() == null && connectorClass != null && !connectorClass.isBlank()) {
            withClass.put(given.spelling(ConnectorConfig.CONNECTOR_CLASS), connectorClass);
        }
        return validate(new ConnectorConfig(withClass));
    }

    protected ConfigInfos validate(ConnectorConfig cc) {
        return validator.validate(cc);
    }

    @Override
    public List<ConfigInfos.ConfigKeyInfo> pluginConfig(String pluginClass) {
        if (Converters.builtInClasses().contains(pluginClass)) {
            return declaredKeys(worker.converters().create(pluginClass, Map.of(), "class"));
        }
        PluginComponent component = plugins.component(pluginClass).filter(c -> c.type().kafkaType() != null)
                .orElseThrow(() -> new NotFoundException("no plugin class " + pluginClass + " (see GET /connector-plugins?connectorsOnly=false)"));
        Object instance = plugins.newInstance(component.className(), Object.class);
        try (LoaderSwap ignored = LoaderSwap.to(component.loader())) {
            return declaredKeys(instance);
        }
    }

    /** What a component declares; nothing for one that declares nothing, as a Kafka plugin whose config() is empty. */
    private static List<ConfigInfos.ConfigKeyInfo> declaredKeys(Object component) {
        return component instanceof ConfigDeclaring declaring
                ? declaring.config().keys().stream().map(k -> ConfigInfos.ConfigKeyInfo.of(k, k.name())).toList()
                : List.of();
    }

    /** What is wrong with a connector's driver URL (refused here, malformed, no such driver), or null. */
    private String driverProblem(String url) {
        String refused = refusedDriver(url);
        return refused != null ? refused : driverError(url);
    }

    private String driverError(String url) {
        String name;
        try {
            name = OmsDriverUrl.parse(url).driver();
        } catch (DriverException e) {
            return e.getMessage();
        }
        boolean known = drivers.drivers().stream().anyMatch(d -> d.name().equals(name));
        return known ? null : "no driver \"" + name + "\" in any loaded plugin (see GET /drivers)";
    }

    /** The {@code <driver>} of {@code oms:<driver>://...}; null when the URL is not of that form. */
    protected static String driverName(String url) {
        try {
            return OmsDriverUrl.parse(url).driver();
        } catch (DriverException e) {
            return null;
        }
    }

    // ---- plugins ----

    @Override
    public List<ConnectorPluginInfo> connectorPlugins() {
        List<ConnectorPluginInfo> out = new ArrayList<>();
        for (PluginComponent c : plugins.components()) {
            if (c.type().kafkaType() != null) {
                out.add(new ConnectorPluginInfo(c.className(), c.type().kafkaType(), c.version()));
            }
        }
        // the worker's own converters are plugins to a Kafka client too (Kafka lists its JsonConverter & co.)
        for (String builtIn : Converters.builtInClasses()) {
            out.add(new ConnectorPluginInfo(builtIn, ComponentType.CONVERTER.kafkaType(), VERSION));
        }
        return out;
    }

    @Override
    public List<PluginDescriptorInfo> plugins() {
        return plugins.plugins();
    }

    @Override
    public List<NotLoadedPlugin> notLoadedPlugins() {
        return plugins.notLoaded();
    }

    @Override
    public PluginDescriptorInfo plugin(String pluginId) {
        return plugins.plugin(pluginId).orElseThrow(() -> new NotFoundException("plugin " + pluginId + " not found"));
    }

    @Override
    public PluginDescriptorInfo installPlugin(String fileName, InputStream archive) {
        PluginDescriptorInfo installed = plugins.install(fileName, archive);
        log.info("Plugin {} {} installed ({} components)", installed.id(), installed.version(),
                installed.components().size());
        return installed;
    }

    @Override
    public List<DriverInfo> drivers() {
        return drivers.drivers();
    }

    @Override
    public String metrics() {
        return MetricsFormat.prometheus(worker.metrics(), statuses, connectors());
    }

    @Override
    public LogLevels logLevels() {
        return logLevels;
    }

    /** Standalone: the cluster is this worker. */
    @Override
    public void setClusterLogLevel(String namespace, String level) {
        logLevels.set(namespace, level);
    }

    // ---- internals ----

    /**
     * Kafka's answer to a restart (KIP-745): the connector's status with the instance (when
     * {@code instance}) and the {@code tasks} being restarted shown as RESTARTING.
     */
    protected static ConnectorStateInfo restarting(ConnectorStateInfo status, boolean instance, Set<Integer> tasks) {
        ConnectorStateInfo.ConnectorState connector = instance ? status.connector().withState("RESTARTING")
                : status.connector();
        List<ConnectorStateInfo.TaskState> states = status.tasks().stream()
                .map(t -> tasks.contains(t.id()) ? t.withState("RESTARTING") : t)
                .toList();
        return new ConnectorStateInfo(status.name(), connector, states, status.type());
    }

    protected StoredConnector stored(String connector) {
        return configs.get(connector).orElseThrow(() -> new NotFoundException("connector " + connector + " not found"));
    }

    protected String typeOf(Map<String, String> config) {
        String cls = new ConnectorConfig(config).connectorClass();
        return plugins.component(cls).map(c -> c.type() == ComponentType.SOURCE ? "source"
                : c.type() == ComponentType.SINK ? "sink" : "unknown").orElse("unknown");
    }

    /** The version of the plugin the connector's class comes from; null when the class is not loaded. */
    protected String versionOf(Map<String, String> config) {
        return plugins.component(new ConnectorConfig(config).connectorClass()).map(PluginComponent::version).orElse(null);
    }

    protected static int safeMaxTasks(ConnectorConfig cc) {
        try {
            return cc.maxTasks();
        } catch (BadRequestException e) {
            return 1;
        }
    }


    @Override
    public void uninstallPlugin(String pluginId, boolean force) {
        synchronized (this) {
            plugin(pluginId);
            List<String> users = connectorsUsing(pluginId);
            boolean driverInUse = drivers.inUse(pluginId);
            if (!force && (!users.isEmpty() || driverInUse)) {
                throw new ConflictException("plugin " + pluginId + " is in use by "
                        + (users.isEmpty() ? "running connectors through its driver" : "connectors " + users)
                        + "; stop or delete them first, or use ?force=true");
            }
        }
        // Outside the herder's lock: the plugin host calls back into stopConnectorsOf (which takes it) while
        // holding its own lock, and its folder watcher does so from its own thread; holding ours here
        // while waiting for the host's would deadlock against the watcher.
        plugins.uninstall(pluginId);
        log.info("Plugin {} uninstalled", pluginId);
    }

    @Override
    public List<PluginDescriptorInfo> rescanPlugins() {
        return plugins.rescan();
    }

    @Override
    public PluginDescriptorInfo reloadPlugin(String pluginId) {
        List<String> users;
        synchronized (this) {
            plugin(pluginId);
            users = connectorsUsing(pluginId);
            // stopped before the plugin goes, so that no task meets a driver or class being unloaded under it
            users.forEach(this::stopLocally);
        }
        PluginDescriptorInfo reloaded = plugins.reload(pluginId); // outside our lock: see uninstallPlugin
        synchronized (this) {
            users.forEach(this::startLocally);
        }
        return reloaded;
    }

    /** The connectors not STOPPED whose connector class, transforms or OMS driver come from the plugin. */
    private List<String> connectorsUsing(String pluginId) {
        List<String> users = new ArrayList<>();
        for (StoredConnector c : configs.all()) {
            if (c.targetState() != TargetState.STOPPED && pluginsUsedBy(new ConnectorConfig(c.config())).contains(pluginId)) {
                users.add(c.name());
            }
        }
        return users;
    }

    private Set<String> pluginsUsedBy(ConnectorConfig cc) {
        Set<String> used = new HashSet<>();
        List<String> classes = new ArrayList<>();
        classes.add(cc.connectorClass());
        TransformSpec.of(cc).forEach(t -> classes.add(t.className()));
        PredicateSpec.of(cc).forEach(p -> classes.add(p.className()));
        for (String cls : classes) {
            plugins.component(cls).ifPresent(pc -> used.add(pc.pluginId()));
        }
        String driver = driverName(cc.omsDriverUrl(workerConfig.omsDriverUrl()));
        for (PluginComponent pc : plugins.components()) {
            if (pc.type() == ComponentType.DRIVER && driver != null && driver.equals(pc.driverName())) {
                used.add(pc.pluginId());
            }
        }
        return used;
    }

    private synchronized void stopConnectorsOf(String pluginId) {
        for (String name : connectorsUsing(pluginId)) {
            stopLocally(name);
            statuses.connector(name, Status.failed(new PluginException(PluginException.Reason.NOT_FOUND,
                    "plugin " + pluginId + " was unloaded")));
        }
    }
}
