package io.openmessaging.omsconnect.herder;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.connector.Connector;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.omsconnect.config.Secrets;
import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.driver.DriverException;
import io.openmessaging.omsconnect.driver.DriverInfo;
import io.openmessaging.omsconnect.driver.DriverRegistry;
import io.openmessaging.omsconnect.driver.OmsDriverUrl;
import io.openmessaging.omsconnect.plugin.ComponentType;
import io.openmessaging.omsconnect.plugin.LoaderSwap;
import io.openmessaging.omsconnect.plugin.PluginComponent;
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
import io.openmessaging.omsconnect.store.ConnectorConfigStore;
import io.openmessaging.omsconnect.store.ConnectorConfigStore.StoredConnector;
import io.openmessaging.omsconnect.store.ConnectorConfigStore.TargetState;
import io.openmessaging.omsconnect.store.PositionStore;
import io.openmessaging.omsconnect.worker.ConnectorConfig;
import io.openmessaging.omsconnect.worker.KeyValues;
import io.openmessaging.omsconnect.worker.State;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The herder of a standalone worker: connector configs and target states live in files under the store
 * root and everything runs here. Requests are serialized (one lock): they are rare next to the data path.
 */
public final class StandaloneHerder implements Herder, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StandaloneHerder.class);
    private static final String VERSION = "0.1.0";
    /** A config key quoted in a validation message: 'file' or "file". */
    private static final Pattern QUOTED_KEY = Pattern.compile("['\"]([A-Za-z][A-Za-z0-9._-]*)['\"]");

    private final WorkerConfig workerConfig;
    private final PluginHost plugins;
    private final DriverRegistry drivers;
    private final ConnectorConfigStore configs;
    private final PositionStore positions;
    private final StatusTracker statuses;
    private final Worker worker;
    private final ExecutorService reconfigurer;

    public StandaloneHerder(WorkerConfig workerConfig, PluginHost plugins, DriverRegistry drivers,
                            ConnectorConfigStore configs, PositionStore positions) {
        this.workerConfig = workerConfig;
        this.plugins = plugins;
        this.drivers = drivers;
        this.configs = configs;
        this.positions = positions;
        this.statuses = new StatusTracker();
        this.worker = new Worker(workerConfig, plugins, drivers, positions, statuses);
        this.reconfigurer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "herder-reconfigure");
            t.setDaemon(true);
            return t;
        });
        plugins.addListener(new PluginListener() {
            @Override
            public void pluginUnloading(PluginDescriptorInfo plugin) {
                stopConnectorsOf(plugin.id());
            }
        });
    }

    /** Starts every stored connector in its stored target state (after a restart of the worker). */
    public synchronized void start() {
        for (StoredConnector c : configs.all()) {
            log.info("Restoring connector {} ({})", c.name(), c.targetState());
            startStored(c, false);
        }
    }

    // ---- connectors ----

    @Override
    public WorkerInfo workerInfo() {
        return new WorkerInfo(VERSION, "standalone", workerConfig.workerId(), workerConfig.omsDriverUrl());
    }

    @Override
    public synchronized List<String> connectors() {
        return configs.all().stream().map(StoredConnector::name).sorted().toList();
    }

    @Override
    public synchronized ConnectorInfo connectorInfo(String connector) {
        StoredConnector c = stored(connector);
        return info(c);
    }

    private ConnectorInfo info(StoredConnector c) {
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (int i = 0; i < c.taskConfigs().size(); i++) {
            tasks.add(new ConnectorTaskId(c.name(), i));
        }
        return new ConnectorInfo(c.name(), shownConfig(c), tasks, typeOf(c.config()));
    }

    /** The config as Kafka Connect shows it: with {@code name} (stored apart from the config), secrets masked. */
    private static Map<String, String> shownConfig(StoredConnector c) {
        Map<String, String> config = new LinkedHashMap<>(c.config());
        config.put("name", c.name());
        return Secrets.mask(config);
    }

    @Override
    public synchronized Map<String, String> connectorConfig(String connector) {
        return shownConfig(stored(connector));
    }

    @Override
    public synchronized Created<ConnectorInfo> putConnectorConfig(String connector, Map<String, String> config,
                                                                  boolean allowReplace) {
        ConnectorNames.validate(connector);
        StoredConnector existing = configs.get(connector).orElse(null);
        if (existing != null && !allowReplace) {
            throw new AlreadyExistsException("connector " + connector + " already exists");
        }
        Map<String, String> clean = new LinkedHashMap<>(config);
        clean.remove("name");
        if (existing != null) {
            keepMaskedSecrets(clean, existing.config());
        }
        ConnectorConfig cc = new ConnectorConfig(clean);
        ConfigInfos validation = validate(cc);
        if (validation.errorCount() > 0) {
            ConfigInfos.ConfigValueInfo first = validation.configs().stream().map(ConfigInfos.ConfigInfo::value)
                    .filter(v -> !v.errors().isEmpty()).findFirst().orElseThrow();
            throw new BadRequestException(first.name(), first.name() + ": " + String.join("; ", first.errors()));
        }
        if (existing != null) {
            stopRunning(connector);
        }
        TargetState target = existing == null ? TargetState.STARTED : existing.targetState();
        StoredConnector stored = new StoredConnector(connector, clean, target, List.of());
        configs.put(stored);
        log.info("Connector {} {} with config {}", connector, existing == null ? "created" : "updated",
                Secrets.mask(clean));
        startStored(stored, true);
        return new Created<>(info(stored(connector)), existing == null);
    }

    /**
     * A config read with GET (secrets shown as {@link Secrets#MASK}) and PUT back must not replace the
     * secrets with the mask: a value equal to the masked form of the stored one keeps the stored one.
     */
    private static void keepMaskedSecrets(Map<String, String> config, Map<String, String> stored) {
        Map<String, String> masked = Secrets.mask(stored);
        config.replaceAll((key, value) -> {
            String before = stored.get(key);
            return before != null && !before.equals(value) && value.equals(masked.get(key)) ? before : value;
        });
    }

    @Override
    public synchronized void deleteConnector(String connector) {
        stored(connector);
        stopRunning(connector);
        configs.remove(connector);
        statuses.forget(connector);
        worker.forgetMetrics(connector);
        log.info("Connector {} deleted", connector);
    }

    @Override
    public synchronized ConnectorStateInfo connectorStatus(String connector) {
        StoredConnector c = stored(connector);
        Status s = statuses.connector(connector);
        List<ConnectorStateInfo.TaskState> tasks = new ArrayList<>();
        for (int i = 0; i < c.taskConfigs().size(); i++) {
            tasks.add(taskState(new ConnectorTaskId(connector, i)));
        }
        return new ConnectorStateInfo(connector,
                new ConnectorStateInfo.ConnectorState(s.state().name(), workerConfig.workerId(), s.trace()),
                tasks, typeOf(c.config()));
    }

    private ConnectorStateInfo.TaskState taskState(ConnectorTaskId id) {
        Status s = statuses.task(id);
        return new ConnectorStateInfo.TaskState(id.task(), s.state().name(), workerConfig.workerId(), s.trace());
    }

    @Override
    public synchronized List<TaskInfo> taskConfigs(String connector) {
        StoredConnector c = stored(connector);
        List<TaskInfo> out = new ArrayList<>();
        for (int i = 0; i < c.taskConfigs().size(); i++) {
            out.add(new TaskInfo(new ConnectorTaskId(connector, i), Secrets.mask(c.taskConfigs().get(i))));
        }
        return out;
    }

    @Override
    public synchronized ConnectorStateInfo.TaskState taskStatus(ConnectorTaskId task) {
        StoredConnector c = stored(task.connector());
        if (task.task() < 0 || task.task() >= c.taskConfigs().size()) {
            throw new NotFoundException("task " + task + " not found");
        }
        return taskState(task);
    }

    @Override
    public synchronized void pauseConnector(String connector) {
        StoredConnector c = stored(connector);
        if (c.targetState() == TargetState.STOPPED) {
            throw new ConflictException("connector " + connector + " is stopped; resume it first");
        }
        configs.put(c.withTargetState(TargetState.PAUSED));
        worker.setPaused(connector, true);
    }

    @Override
    public synchronized void resumeConnector(String connector) {
        StoredConnector c = stored(connector);
        TargetState before = c.targetState();
        StoredConnector started = c.withTargetState(TargetState.STARTED);
        configs.put(started);
        if (before == TargetState.STOPPED) {
            startStored(started, true);
        } else {
            worker.setPaused(connector, false);
        }
    }

    @Override
    public synchronized void stopConnector(String connector) {
        StoredConnector c = stored(connector);
        stopRunning(connector);
        configs.put(c.withTargetState(TargetState.STOPPED).withTaskConfigs(List.of()));
        statuses.forget(connector);
        statuses.connector(connector, Status.of(State.STOPPED));
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
            startStored(c, true);
            return connectorStatus(connector);
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
        return connectorStatus(connector);
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

    // ---- offsets ----

    @Override
    public synchronized ConnectorOffsets offsets(String connector) {
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
        StoredConnector c = requireStoppedSource(connector);
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
        positions.commit(c.name(), updates);
    }

    @Override
    public synchronized void resetOffsets(String connector) {
        StoredConnector c = requireStoppedSource(connector);
        positions.delete(c.name());
    }

    private StoredConnector requireStoppedSource(String connector) {
        StoredConnector c = stored(connector);
        if (c.targetState() != TargetState.STOPPED) {
            throw new ConflictException("connector " + connector + " must be STOPPED (PUT /connectors/"
                    + connector + "/stop) before its offsets are changed");
        }
        if (!"source".equals(typeOf(c.config()))) {
            throw new BadRequestException("connector", "sink offsets belong to the queue's consumer group; "
                    + "OpenMessaging 0.3.1 pull consumers cannot seek, so they cannot be changed here");
        }
        return c;
    }

    // ---- validation ----

    @Override
    public ConfigInfos validateConnectorConfig(String connectorClass, Map<String, String> config) {
        Map<String, String> withClass = new LinkedHashMap<>(config);
        if (connectorClass != null && !connectorClass.isBlank()) {
            withClass.put(ConnectorConfig.CONNECTOR_CLASS, connectorClass);
            withClass.remove("connector.class");
        }
        return validate(new ConnectorConfig(withClass));
    }

    private ConfigInfos validate(ConnectorConfig cc) {
        ConfigValidation v = new ConfigValidation(cc.connectorClass());
        String className = cc.connectorClass();
        PluginComponent component = null;
        if (className == null) {
            v.error(ConnectorConfig.CONNECTOR_CLASS, null, "required");
        } else {
            component = plugins.component(className).filter(c -> c.type() == ComponentType.SOURCE
                    || c.type() == ComponentType.SINK).orElse(null);
            if (component == null) {
                v.error(ConnectorConfig.CONNECTOR_CLASS, className, "no connector class " + className
                        + " in any loaded plugin (see GET /connector-plugins)");
            } else {
                v.ok(ConnectorConfig.CONNECTOR_CLASS, className);
            }
        }
        try {
            v.ok(ConnectorConfig.MAX_TASKS, String.valueOf(cc.maxTasks()));
        } catch (BadRequestException e) {
            v.error(ConnectorConfig.MAX_TASKS, cc.get(ConnectorConfig.MAX_TASKS), e.getMessage());
        }
        String url = cc.omsDriverUrl(workerConfig.omsDriverUrl());
        String driverError = driverError(url);
        if (driverError != null) {
            v.error(ConnectorConfig.OMS_DRIVER_URL, url, driverError);
        } else {
            v.ok(ConnectorConfig.OMS_DRIVER_URL, url);
        }
        if (component != null && component.type() == ComponentType.SINK && cc.topics().isEmpty()) {
            v.error(ConnectorConfig.TOPICS, null, "required for a sink connector");
        }
        for (String key : List.of(ConnectorConfig.VALUE_CONVERTER, ConnectorConfig.KEY_CONVERTER)) {
            if (!worker.converters().exists(cc.get(key))) {
                v.error(key, cc.get(key), "unknown converter class " + cc.get(key));
            }
        }
        for (String alias : cc.transformAliases()) {
            String key = "transforms." + alias + ".class";
            String cls = cc.get(key) != null ? cc.get(key) : cc.get("transforms-" + alias + "-class");
            if (cls == null || plugins.component(cls).filter(c -> c.type() == ComponentType.TRANSFORM).isEmpty()) {
                v.error(key, cls, cls == null ? "required for transform " + alias : "unknown transform class " + cls);
            }
        }
        if (component != null && v.errorCount() == 0) {
            validateWithConnector(component, cc, v);
        }
        return v.result();
    }

    /** The connector's own validate(): its ConnectException message is the error, on the key it names if any. */
    @SuppressWarnings("rawtypes")
    private void validateWithConnector(PluginComponent component, ConnectorConfig cc, ConfigValidation v) {
        try {
            Connector connector = plugins.newInstance(component.className(), Connector.class);
            try (LoaderSwap ignored = LoaderSwap.to(component.loader())) {
                KeyValue kv = KeyValues.of(cc.asMap());
                connector.validate(kv);
            }
        } catch (Throwable t) {
            String message = t.getMessage() == null ? t.toString() : t.getMessage();
            String field = fieldNamedIn(message, cc.asMap().keySet());
            v.error(field, cc.asMap().get(field), message);
        }
    }

    /**
     * The config key a connector's validation message is about, so the error lands on that key as in Kafka
     * Connect: a quoted key of the config, else a key of the config the message mentions, else a quoted
     * key-like word (a required key that is missing), else the connector class.
     */
    static String fieldNamedIn(String message, Set<String> keys) {
        List<String> quoted = new ArrayList<>();
        Matcher m = QUOTED_KEY.matcher(message);
        while (m.find()) {
            quoted.add(m.group(1));
        }
        return quoted.stream().filter(keys::contains).findFirst()
                .or(() -> keys.stream().filter(message::contains).findFirst())
                .or(() -> quoted.stream().findFirst())
                .orElse(ConnectorConfig.CONNECTOR_CLASS);
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
    private static String driverName(String url) {
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
            out.add(new ConnectorPluginInfo(c.className(), c.type().restName(), c.version(), c.pluginId()));
        }
        return out;
    }

    @Override
    public List<PluginDescriptorInfo> plugins() {
        return plugins.plugins();
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
    public PluginDescriptorInfo reloadPlugin(String pluginId) {
        List<String> users;
        synchronized (this) {
            plugin(pluginId);
            users = connectorsUsing(pluginId);
            // stopped before the plugin goes, so that no task meets a driver or class being unloaded under it
            users.forEach(this::stopRunning);
        }
        PluginDescriptorInfo reloaded = plugins.reload(pluginId); // outside our lock: see uninstallPlugin
        synchronized (this) {
            for (String name : users) {
                configs.get(name).ifPresent(c -> startStored(c, true));
            }
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
        for (String alias : cc.transformAliases()) {
            String key = "transforms." + alias + ".class";
            classes.add(cc.get(key) != null ? cc.get(key) : cc.get("transforms-" + alias + "-class"));
        }
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
            stopRunning(name);
            statuses.connector(name, Status.failed(new PluginException(PluginException.Reason.NOT_FOUND,
                    "plugin " + pluginId + " was unloaded")));
        }
    }

    @Override
    public List<DriverInfo> drivers() {
        return drivers.drivers();
    }

    @Override
    public String metrics() {
        return MetricsFormat.prometheus(worker.metrics(), statuses, connectors());
    }

    // ---- internals ----

    private StoredConnector stored(String connector) {
        return configs.get(connector).orElseThrow(() -> new NotFoundException("connector " + connector + " not found"));
    }

    private String typeOf(Map<String, String> config) {
        String cls = new ConnectorConfig(config).connectorClass();
        return plugins.component(cls).map(c -> c.type() == ComponentType.SOURCE ? "source"
                : c.type() == ComponentType.SINK ? "sink" : "unknown").orElse("unknown");
    }

    private void stopRunning(String connector) {
        worker.stopTasks(worker.tasks(connector));
        worker.stopConnector(connector);
    }

    /** Starts a stored connector and its tasks, computing task configs anew when {@code reconfigure}. */
    private void startStored(StoredConnector c, boolean reconfigure) {
        if (c.targetState() == TargetState.STOPPED) {
            statuses.connector(c.name(), Status.of(State.STOPPED));
            return;
        }
        stopRunning(c.name());
        ConnectorConfig cc = new ConnectorConfig(c.config());
        boolean paused = c.targetState() == TargetState.PAUSED;
        if (!worker.startConnector(c.name(), cc, paused, () -> requestReconfiguration(c.name()))) {
            return;
        }
        List<Map<String, String>> taskConfigs = c.taskConfigs();
        if (reconfigure || taskConfigs.isEmpty()) {
            taskConfigs = worker.taskConfigs(c.name(), safeMaxTasks(cc));
            configs.put(c.withTaskConfigs(taskConfigs));
        }
        for (int i = 0; i < taskConfigs.size(); i++) {
            worker.startTask(new ConnectorTaskId(c.name(), i), cc, taskConfigs.get(i), paused);
        }
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
                        worker.stopTasks(worker.tasks(connector));
                        StoredConnector updated = c.withTaskConfigs(fresh);
                        configs.put(updated);
                        ConnectorConfig cc = new ConnectorConfig(c.config());
                        for (int i = 0; i < fresh.size(); i++) {
                            worker.startTask(new ConnectorTaskId(connector, i), cc, fresh.get(i),
                                    c.targetState() == TargetState.PAUSED);
                        }
                    }
                });
            }
        });
    }

    private static int safeMaxTasks(ConnectorConfig cc) {
        try {
            return cc.maxTasks();
        } catch (BadRequestException e) {
            return 1;
        }
    }

    @Override
    public synchronized void close() {
        reconfigurer.shutdownNow();
        worker.close();
    }
}
