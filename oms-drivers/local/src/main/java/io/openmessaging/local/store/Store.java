package io.openmessaging.local.store;

import io.openmessaging.local.config.FsyncPolicy;
import io.openmessaging.local.config.LocalDriverConfig;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queues and consumer-group offsets of one namespace folder, owned by one process at a time
 * (an OS file lock on {@code .lock}). Layout: {@code queues/<queue>/<base offset>.seg},
 * {@code consumer-offsets}. One I/O thread writes asynchronous sends, persists offsets every
 * {@code offset.flush.interval.ms} and, with {@code fsync=interval}, forces dirty queues.
 */
public final class Store {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    static final String QUEUES_DIR = "queues";
    private static final String LOCK_FILE = ".lock";
    private static final String OFFSETS_FILE = "consumer-offsets";

    private final LocalDriverConfig config;
    private final Path queuesDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final OffsetStore offsets;
    private final AppendSignal signal = new AppendSignal();
    private final ScheduledThreadPoolExecutor io;
    private final ConcurrentHashMap<String, QueueLog> queues = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, GroupCursor> cursors = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Store(LocalDriverConfig config, FileChannel lockChannel, FileLock lock) throws IOException {
        this.config = config;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.queuesDir = config.directory().resolve(QUEUES_DIR);
        Files.createDirectories(queuesDir);
        this.offsets = new OffsetStore(config.directory().resolve(OFFSETS_FILE));
        this.io = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "oms-local-io-" + config.namespace());
            thread.setDaemon(true);
            return thread;
        });
        io.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Opens the namespace folder, taking its lock and recovering every queue. */
    static Store open(LocalDriverConfig config) {
        Path dir = config.directory();
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new StoreException("oms:local store " + dir + " is in use by another process (or another copy"
                    + " of the driver in this one): only one may open it at a time");
            }
            Store store = new Store(config, lockChannel, lock);
            store.openQueues();
            store.schedule();
            LOG.info("Opened oms:local store {} ({} queues, fsync={})", dir, store.queues.size(), config.fsync().name().toLowerCase());
            return store;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new StoreException("cannot open oms:local store " + dir + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    private void openQueues() throws IOException {
        try (Stream<Path> list = Files.list(queuesDir)) {
            for (Path queueDir : list.filter(Files::isDirectory).toList()) {
                String name = queueName(queueDir);
                queues.put(name, QueueLog.open(name, queueDir, config, signal, io));
            }
        }
    }

    private void schedule() {
        long offsetEvery = config.offsetFlushIntervalMs();
        io.scheduleWithFixedDelay(this::persistOffsetsQuietly, offsetEvery, offsetEvery, TimeUnit.MILLISECONDS);
        if (config.fsync() == FsyncPolicy.INTERVAL) {
            long fsyncEvery = config.fsyncIntervalMs();
            io.scheduleWithFixedDelay(() -> queues.values().forEach(QueueLog::forceIfDirty), fsyncEvery, fsyncEvery, TimeUnit.MILLISECONDS);
        }
    }

    /** The queue name a queue folder stands for. */
    public static String queueName(Path queueDir) {
        return NameCodec.decode(queueDir.getFileName().toString());
    }

    public LocalDriverConfig config() {
        return config;
    }

    public AppendSignal signal() {
        return signal;
    }

    /** The queue, or null if it does not exist. */
    public QueueLog queue(String name) {
        return queues.get(name);
    }

    /** The queue, created if it does not exist yet (sending to a new queue creates it). */
    public QueueLog queueOrCreate(String name) {
        QueueLog log = queues.get(name);
        return log != null ? log : create(name);
    }

    /** Creates the queue; true if it did not exist. */
    public boolean createQueue(String name) {
        if (queues.containsKey(name)) {
            return false;
        }
        create(name);
        return true;
    }

    private QueueLog create(String name) {
        checkOpen();
        if (name == null || name.isEmpty()) {
            throw new StoreException("a queue name must not be empty");
        }
        return queues.computeIfAbsent(name, n -> {
            try {
                return QueueLog.open(n, queuesDir.resolve(NameCodec.encode(n)), config, signal, io);
            } catch (IOException e) {
                throw new StoreException("cannot create queue " + n + " in " + queuesDir + ": " + e, e);
            }
        });
    }

    /** Deletes the queue, its files and its consumer offsets; false if it did not exist. */
    public boolean deleteQueue(String name) {
        checkOpen();
        QueueLog log = queues.remove(name);
        if (log == null) {
            return false;
        }
        try {
            log.delete();
        } catch (IOException e) {
            throw new StoreException("cannot delete queue " + name + ": " + e, e);
        }
        for (GroupCursor cursor : cursors.values()) {
            if (cursor.queue().equals(name)) {
                cursor.reset();
            }
        }
        offsets.removeQueue(name);
        return true;
    }

    public List<String> queueNames() {
        List<String> names = new ArrayList<>(queues.keySet());
        names.sort(null);
        return names;
    }

    /** The cursor of {@code group} on {@code queue}, which need not exist yet. */
    public GroupCursor cursor(String group, String queue) {
        checkOpen();
        return cursors.computeIfAbsent(group + '\u0000' + queue,
            key -> new GroupCursor(group, queue, this, offsets.committed(group, queue)));
    }

    /** Writes every group's committed offsets to disk now (if they changed). */
    public void persistOffsets() {
        for (GroupCursor cursor : cursors.values()) {
            offsets.update(cursor.group(), cursor.queue(), cursor.committed());
        }
        try {
            offsets.persist();
        } catch (IOException e) {
            throw new StoreException("cannot write consumer offsets in " + config.directory() + ": " + e, e);
        }
    }

    private void persistOffsetsQuietly() {
        try {
            persistOffsets();
        } catch (RuntimeException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    public boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed) {
            throw new StoreException("oms:local store " + config.directory() + " is closed");
        }
    }

    /** Writes what is pending, persists offsets, closes every file and releases the lock. */
    void close() {
        closed = true;
        io.shutdown();
        try {
            if (!io.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("oms:local I/O thread of {} did not stop in 10 s", config.directory());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queues.values().forEach(QueueLog::close);
        persistOffsetsQuietly();
        signal.wakeAll();
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("cannot release lock of {}: {}", config.directory(), e.toString());
        }
        closeQuietly(lockChannel);
        LOG.info("Closed oms:local store {}", config.directory());
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing after a failure: the first error is the one reported
            }
        }
    }
}
