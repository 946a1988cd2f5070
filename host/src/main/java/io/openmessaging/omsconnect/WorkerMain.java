package io.openmessaging.omsconnect;

import io.openmessaging.omsconnect.config.ConfigFileReport;
import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.driver.PluginDriverRegistry;
import io.openmessaging.omsconnect.cluster.ClusterConfig;
import io.openmessaging.omsconnect.cluster.ClusterState;
import io.openmessaging.omsconnect.cluster.DistributedHerder;
import io.openmessaging.omsconnect.cluster.RaftNode;
import io.openmessaging.omsconnect.cluster.RaftOffsetStore;
import io.openmessaging.omsconnect.herder.AbstractHerder;
import io.openmessaging.omsconnect.herder.StandaloneHerder;
import io.openmessaging.omsconnect.plugin.Pf4jPluginHost;
import io.openmessaging.omsconnect.rest.RestServer;
import io.openmessaging.omsconnect.store.FileConfigStore;
import io.openmessaging.omsconnect.store.FileOffsetStore;
import io.openmessaging.omsconnect.store.OffsetStore;
import io.openmessaging.omsconnect.worker.StatusTracker;
import io.openmessaging.omsconnect.worker.Worker;
import io.openmessaging.omsconnect.store.StoreLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a standalone worker: plugins, drivers, stores, herder, REST; restores stored connectors; stops
 * everything in reverse order on shutdown (SIGTERM, Ctrl-C).
 */
public final class WorkerMain implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

    private final WorkerConfig config;
    private StoreLock storeLock;
    private Pf4jPluginHost plugins;
    private PluginDriverRegistry drivers;
    private AbstractHerder herder;
    private RaftNode raft;
    private RestServer rest;
    /**
     * Where this worker's REST answers, kept apart from {@link #rest}: heartbeats carry it until the herder
     * has left the cluster, which is after the REST server stopped taking calls.
     */
    private volatile String restUrl;

    public WorkerMain(WorkerConfig config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "conf/connect.conf");
        if (!Files.isRegularFile(file)) {
            System.err.println("config file not found: " + file.toAbsolutePath());
            System.exit(2);
        }
        WorkerMain main = new WorkerMain(WorkerConfig.load(file));
        Runtime.getRuntime().addShutdownHook(new Thread(main::close, "worker-shutdown"));
        try {
            main.start();
        } catch (Exception e) {
            if (e instanceof StoreLock.StoreLockedException) {
                log.error("The worker failed to start: {}", e.getMessage()); // a user error: no trace
            } else {
                log.error("The worker failed to start: {}", e.toString(), e);
            }
            main.close();
            System.exit(1);
        }
    }

    public synchronized void start() throws Exception {
        log.info("Starting worker with {}", config);
        ConfigFileReport report = ConfigFileReport.of(config);
        report.infos().forEach(log::info);
        report.warnings().forEach(log::warn);
        Files.createDirectories(config.storePathRootDir());
        storeLock = StoreLock.acquire(config.storePathRootDir(),
                "worker " + config.workerId() + " (REST port " + config.httpPort() + ")");
        Files.createDirectories(config.pluginsDir());
        plugins = new Pf4jPluginHost(config.pluginsDir(), config.pluginPaths());
        plugins.start();
        drivers = new PluginDriverRegistry(plugins);
        StatusTracker statuses = new StatusTracker();
        if (ClusterConfig.distributed(config)) {
            startDistributed(statuses);
        } else {
            OffsetStore positions = new FileOffsetStore(config.storePathRootDir());
            Worker worker = new Worker(config, plugins, drivers, positions, statuses);
            StandaloneHerder standalone = new StandaloneHerder(config, plugins, drivers, worker, statuses,
                    new FileConfigStore(config.storePathRootDir()), positions);
            herder = standalone;
            standalone.start();
            rest = new RestServer(config, herder);
            rest.start();
        }
        log.info("The worker {} boot success. REST on http://{}:{}/", config.workerId(), config.restBindAddress(),
                rest.port());
    }

    /**
     * The herder, REST, then the Raft member, then the herder's lease and reconciliation. Calls that arrive
     * before the cluster has a leader are answered 503.
     */
    private void startDistributed(StatusTracker statuses) throws Exception {
        ClusterConfig cluster = ClusterConfig.from(config);
        ClusterState state = new ClusterState(System::nanoTime);
        raft = new RaftNode(cluster, state, 5000);
        Worker worker = new Worker(config, plugins, drivers, new RaftOffsetStore(state, raft, config.workerId()),
                statuses);
        DistributedHerder distributed = new DistributedHerder(config, cluster, plugins, drivers, worker, statuses,
                state, raft, System::nanoTime, () -> restUrl);
        herder = distributed;
        rest = new RestServer(config, herder);
        rest.start();
        restUrl = cluster.restAdvertisedUrl() != null ? cluster.restAdvertisedUrl()
                : "http://" + config.restBindAddress() + ":" + rest.port();
        raft.start();
        distributed.start();
        log.info("Worker {} joined cluster {} as a {} member ({})", config.workerId(), cluster.clusterName(),
                cluster.voter() ? "voting" : "non-voting", cluster.listen());
    }

    public int restPort() {
        return rest.port();
    }

    public AbstractHerder herder() {
        return herder;
    }

    public Pf4jPluginHost plugins() {
        return plugins;
    }

    @Override
    public synchronized void close() {
        if (rest != null) {
            rest.stop();
            rest = null;
        }
        if (herder instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("The herder did not close cleanly: {}", e.toString());
            }
        }
        herder = null;
        if (raft != null) {
            raft.close();
            raft = null;
        }
        if (drivers != null) {
            drivers.close();
            drivers = null;
        }
        if (plugins != null) {
            plugins.close();
            plugins = null;
        }
        if (storeLock != null) {
            storeLock.close();
            storeLock = null;
        }
    }
}
