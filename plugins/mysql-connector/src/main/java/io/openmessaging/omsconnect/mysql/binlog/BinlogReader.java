package io.openmessaging.omsconnect.mysql.binlog;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.mysql.MysqlSourceConfig;
import io.openmessaging.omsconnect.mysql.schema.TableCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams one server's binlog on its own named thread into a bounded queue of records (the thread
 * blocks when the task falls behind). A failure of the stream is kept and thrown from {@link #poll}
 * once the records read before it are drained; the client never reconnects by itself, so a restart
 * always resumes from a committed offset.
 */
public final class BinlogReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogReader.class);
    private static final int QUEUE_CAPACITY = 8192;
    /** The server sends a heartbeat this often when idle, so a silent read this long means the link is dead. */
    private static final long HEARTBEAT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = (int) (HEARTBEAT_MS * 4);

    private final MysqlSourceConfig cfg;
    private final String name;
    private final BlockingQueue<ConnectRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final BinaryLogClient client;
    private final ChangeEventHandler handler;
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param from        where to start streaming (a transaction boundary)
     * @param resumeAfter the committed position inside the transaction at {@code from}, or null to emit everything
     */
    public BinlogReader(MysqlSourceConfig cfg, TableCatalog catalog, BinlogPosition from, BinlogPosition resumeAfter, String name) {
        this.cfg = cfg;
        this.name = name;
        RecordPartition partition = new RecordPartition(java.util.Map.of("server", cfg.server()));
        this.handler = new ChangeEventHandler(catalog, cfg.tables(), new ChangeRecords(partition, cfg.topicPrefix(), this::enqueue), resumeAfter);
        client = new BinaryLogClient(cfg.host(), cfg.port(), cfg.user(), cfg.password());
        client.setServerId(cfg.serverId());
        client.setKeepAlive(false);
        client.setConnectTimeout(cfg.connectTimeoutMs());
        // without the client's keep-alive thread nothing else notices a dead link: heartbeats + a read timeout do
        client.setHeartbeatInterval(HEARTBEAT_MS);
        client.setSocketFactory(() -> {
            java.net.Socket socket = new java.net.Socket();
            socket.setSoTimeout(READ_TIMEOUT_MS);
            return socket;
        });
        client.setBinlogFilename(from.file());
        client.setBinlogPosition(from.pos());
        client.setEventDeserializer(RowsDeserializers.create());
        client.registerEventListener(this::onEvent);
        client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onConnect(BinaryLogClient c) {
                connected.countDown();
            }

            @Override
            public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
                fail(ex);
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
                fail(ex);
            }
        });
    }

    /** Connects and starts streaming; throws ConnectException when the stream cannot start within the connect timeout. */
    public void start() {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
        try {
            if (!connected.await(cfg.connectTimeoutMs() * 2L, TimeUnit.MILLISECONDS)) {
                close();
                throw new ConnectException("Binlog stream of " + cfg.server() + " did not start within " + cfg.connectTimeoutMs() * 2 + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new ConnectException("Interrupted while starting the binlog stream", e);
        }
        Throwable t = failure.get();
        if (t != null) {
            close();
            throw new ConnectException("Cannot stream the binlog of " + cfg.server() + ": " + t.getMessage(), t);
        }
        LOG.info("Binlog stream of {} started at {}:{}", cfg.server(), client.getBinlogFilename(), client.getBinlogPosition());
    }

    private void run() {
        try {
            client.connect();
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            // wake start() whatever happened
            connected.countDown();
        }
        if (running && failure.get() == null) {
            fail(new IOException("binlog stream closed by the server"));
        }
    }

    private void onEvent(Event event) {
        if (!running || failure.get() != null) {
            return;
        }
        try {
            handler.onEvent(event);
        } catch (RuntimeException e) {
            // the client only logs listener exceptions: stop here so nothing after this event is emitted
            fail(e);
            disconnectQuietly();
        }
    }

    private void enqueue(ConnectRecord r) {
        try {
            while (running) {
                if (queue.offer(r, 200, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ConnectException("Reader closed");
    }

    private void fail(Throwable t) {
        if (running && failure.compareAndSet(null, t)) {
            LOG.warn("Binlog stream of {} failed: {}", cfg.server(), t.toString());
        }
    }

    /**
     * Returns the records read so far (at most {@code max}), waiting up to {@code timeoutMs} for the first.
     * Throws ConnectException once the stream failed and everything read before the failure was returned.
     */
    public List<ConnectRecord> poll(long timeoutMs, int max) throws InterruptedException {
        ConnectRecord first = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (first == null) {
            Throwable t = failure.get();
            if (t != null) {
                throw new ConnectException("Binlog stream of " + cfg.server() + " failed: " + t.getMessage(), t);
            }
            return List.of();
        }
        List<ConnectRecord> out = new ArrayList<>(Math.min(max, queue.size() + 1));
        out.add(first);
        queue.drainTo(out, max - 1);
        return out;
    }

    private void disconnectQuietly() {
        try {
            client.disconnect();
        } catch (IOException e) {
            LOG.debug("disconnect failed", e);
        }
    }

    @Override
    public void close() {
        running = false;
        disconnectQuietly();
        if (thread != null) {
            try {
                thread.join(cfg.connectTimeoutMs() * 2L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
