package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.rest.http.BearerAuth;
import io.openmessaging.omsconnect.rest.http.RequestLog;
import io.openmessaging.omsconnect.rest.http.Router;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

import java.net.InetSocketAddress;

/**
 * The worker's REST API on Undertow (no servlet): Kafka Connect's routes, ours ({@code /plugins},
 * {@code /drivers}, {@code /health}, {@code /metrics}) and the older dialects ({@link LegacyRoutes}), all
 * answered through the {@link Herder}. Binds {@code restBindAddress:httpPort} (port 0: a free one, see
 * {@link #port()}). Work runs on the {@code rest task-<n>} threads, never on the IO threads. Errors are
 * {@code {"error_code", "message"}} JSON; with {@code restToken} set every change needs
 * {@code Authorization: Bearer <restToken>}.
 */
public final class RestServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RestServer.class);

    private final WorkerConfig config;
    private final Herder herder;
    private Undertow undertow;
    private int port = -1;

    public RestServer(WorkerConfig config, Herder herder) {
        this.config = config;
        this.herder = herder;
    }

    /** Binds and starts serving. @throws IllegalStateException when started twice */
    public synchronized void start() {
        if (undertow != null) {
            throw new IllegalStateException("REST server already started");
        }
        Router router = new Router();
        ConnectorsResource connectors = new ConnectorsResource(herder);
        PluginsResource plugins = new PluginsResource(config, herder);
        ConnectorPluginsResource connectorPlugins = new ConnectorPluginsResource(herder);
        new WorkerResource(herder).register(router);
        connectors.register(router);
        connectorPlugins.register(router);
        plugins.register(router);
        new DriversResource(herder).register(router);
        new LoggersResource(herder).register(router);
        new LegacyRoutes(herder, connectors, connectorPlugins, config.workerId()).register(router);

        Undertow server = Undertow.builder()
                .addHttpListener(config.httpPort(), config.restBindAddress())
                .setWorkerOption(Options.WORKER_NAME, "rest")
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 200)
                .setHandler(new RequestLog(router.build(new BearerAuth(config.restToken()), config.maxRequestBytes())))
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            // e.g. the port is taken: release the threads Undertow already started
            stopQuietly(server);
            throw new IllegalStateException("REST server could not bind " + config.restBindAddress() + ":"
                    + config.httpPort() + ": " + e.getMessage(), e);
        }
        undertow = server;
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        log.info("REST server listening on http://{}:{}/{}", config.restBindAddress(), port,
                config.restToken() == null ? "" : " (changes need the bearer token)");
    }

    private static void stopQuietly(Undertow server) {
        try {
            server.stop();
        } catch (RuntimeException ignored) {
            // it did not start; nothing more to release
        }
    }

    /** The port actually bound (useful with {@code httpPort=0}); -1 before {@link #start()}. */
    public synchronized int port() {
        return port;
    }

    /** Stops serving and shuts the IO and worker threads down. Safe to call twice. */
    public synchronized void stop() {
        if (undertow != null) {
            undertow.stop();
            undertow = null;
            log.info("REST server stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }
}
