package io.openmessaging.omsconnect;

import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.driver.PluginDriverRegistry;
import io.openmessaging.omsconnect.herder.StandaloneHerder;
import io.openmessaging.omsconnect.plugin.Pf4jPluginHost;
import io.openmessaging.omsconnect.rest.RestServer;
import io.openmessaging.omsconnect.store.ConnectorConfigStore;
import io.openmessaging.omsconnect.store.PositionStore;
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
    private StandaloneHerder herder;
    private RestServer rest;

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
        Files.createDirectories(config.storePathRootDir());
        storeLock = StoreLock.acquire(config.storePathRootDir(),
                "worker " + config.workerId() + " (REST port " + config.httpPort() + ")");
        Files.createDirectories(config.pluginsDir());
        plugins = new Pf4jPluginHost(config.pluginsDir());
        plugins.start();
        drivers = new PluginDriverRegistry(plugins);
        herder = new StandaloneHerder(config, plugins, drivers, new ConnectorConfigStore(config.storePathRootDir()),
                new PositionStore(config.storePathRootDir()));
        herder.start();
        rest = new RestServer(config, herder);
        rest.start();
        log.info("The worker {} boot success. REST on http://{}:{}/", config.workerId(), config.restBindAddress(),
                rest.port());
    }

    public int restPort() {
        return rest.port();
    }

    public StandaloneHerder herder() {
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
        if (herder != null) {
            herder.close();
            herder = null;
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
