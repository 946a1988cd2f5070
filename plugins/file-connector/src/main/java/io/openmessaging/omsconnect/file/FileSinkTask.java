package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.task.sink.SinkTask;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.connector.api.errors.RetriableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each record's data to a file as one line, in the order received.
 *
 * <p>Data: a {@code String} is written in UTF-8, a {@code byte[]} or {@code ByteBuffer} as its
 * bytes (so the bytes a file source read come out unchanged), {@code null} as an empty line, any
 * other object as its {@code toString()}. Writes are buffered; {@link #flush(Map)} writes them out
 * (and forces them to the disk when {@code fsync=true}) before the worker commits the offsets.
 *
 * <p>Crash safety: {@code flush} then appends a {@link CommitRecord} (the file's length and the last
 * {@code queueOffset} per partition) to the {@link CommitLog} before the worker acknowledges
 * the records; {@code start} cuts
 * whatever follows the committed length (see {@link OutputRecovery}) and skips redelivered records
 * already in the file (see {@link SinkPositions}). So the file never holds a torn line, and holds
 * each record once where the driver gives a {@code queueOffset}.
 */
public class FileSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(FileSinkTask.class);

    /** Guards the writer: stop() may come from another thread than put(). */
    private final Object lock = new Object();
    private SinkConfig config;
    private LineWriter writer;
    /** Held while {@link #writer} is open: no other task writes the file meanwhile. */
    private OutputLock outputLock;
    private boolean stopped;
    private CommitLog commits;
    private SinkPositions positions;
    /** Length in the last commit appended: a flush with nothing new appends none. */
    private long committedLength;
    /**
     * Set when a write failed: the file may end in a part of a buffer, so nothing more is written or
     * committed until a restart cuts the file back to the last commit.
     */
    private IOException failure;

    @Override
    public void validate(KeyValue config) {
        SinkConfig.from(config);
    }

    @Override
    public void start(KeyValue taskConfig) {
        SinkConfig parsed = SinkConfig.from(taskConfig);
        synchronized (lock) {
            config = parsed;
            failure = null;
            stopped = false;
            if (!openIfFree()) {
                LOG.warn("File sink task {}: {} is still being written by another task ({} is locked); this one "
                    + "writes once that one has stopped", taskName(), parsed.file(), OutputLock.lockFile(parsed.file()));
            }
        }
    }

    /**
     * Takes the output's lock, cuts the file back to its last commit and opens it for appending: only
     * once no other task writes it. Under {@link #lock}.
     *
     * @return false while another task holds the output
     */
    private boolean openIfFree() {
        if (writer != null) {
            return true;
        }
        OutputLock taken = OutputLock.tryAcquire(config.file());
        if (taken == null) {
            return false;
        }
        CommitLog log = new CommitLog(config.file(), config.fsync());
        CommitRecord committed;
        try {
            committed = OutputRecovery.recover(config.file(), log, config.fsync(), taskName());
        } catch (IOException e) {
            closeQuietly(log);
            release(taken);
            throw new ConnectException("cannot recover " + config.file() + " to its last commit: " + e.getMessage()
                + " (deleting " + log.path() + " makes the sink take the file's current length as committed:"
                + " check that it ends in a whole line first)", e);
        }
        try {
            writer = LineWriter.open(config.file(), config.fsync());
        } catch (IOException e) {
            closeQuietly(log);
            release(taken);
            throw new ConnectException("cannot open " + config.file() + " for appending: " + e.getMessage(), e);
        }
        outputLock = taken;
        commits = log;
        positions = new SinkPositions(committed.offsets());
        committedLength = committed.length();
        LOG.info("File sink task {} started on {} from topics {} at byte {}", taskName(), config.file(), config.topics(),
            committedLength);
        return true;
    }

    @Override
    public void put(List<ConnectRecord> records) throws ConnectException {
        synchronized (lock) {
            if (config != null && !stopped && !openIfFree()) {
                // the worker puts the same records again after a backoff: nothing is taken meanwhile
                throw new RetriableException("file sink task " + taskName() + ": " + config.file()
                    + " is still being written by another task");
            }
            LineWriter open = openWriter();
            try {
                for (ConnectRecord record : records) {
                    if (positions.admit(record)) {
                        write(open, record.getData());
                    }
                }
            } catch (IOException e) {
                throw failed("write to", e);
            }
        }
    }

    private static void write(LineWriter writer, Object data) throws IOException {
        if (data instanceof String text) {
            writer.writeLine(text);
        } else if (data instanceof byte[] bytes) {
            writer.writeLine(bytes);
        } else if (data instanceof ByteBuffer bytes) {
            writer.writeLine(bytes);
        } else if (data == null) {
            writer.writeLine(new byte[0]);
        } else {
            writer.writeLine(data.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void flush(Map<RecordPartition, RecordOffset> currentOffsets) throws ConnectException {
        synchronized (lock) {
            if (writer == null && config != null && !stopped) {
                return; // never opened (another task held the output): nothing was put, nothing to commit
            }
            commit(openWriter());
        }
    }

    /** Writes the buffered lines out, then appends a commit: the worker acknowledges only after both. */
    private void commit(LineWriter open) {
        try {
            open.flush();
        } catch (IOException e) {
            throw failed("flush", e);
        }
        long skipped = positions.takeSkipped();
        if (skipped > 0) {
            LOG.info("File sink task {} skipped {} redelivered records already in {}", taskName(), skipped, config.file());
        }
        if (open.length() == committedLength && !positions.changed()) {
            return;
        }
        CommitRecord record = new CommitRecord(open.length(), positions.snapshot());
        try {
            commits.append(record);
        } catch (IOException e) {
            throw failed("append to the commit log of", e);
        }
        committedLength = record.length();
    }

    @Override
    public void stop() {
        synchronized (lock) {
            stopped = true;
            if (writer != null) {
                try {
                    // what was put is whole in the file once flushed: committing it spares duplicates if the
                    // worker did not ack before stopping (the records come again and are skipped)
                    if (failure == null) {
                        commit(writer);
                    }
                } finally {
                    try {
                        if (failure == null) {
                            writer.close();
                        } else {
                            writer.discard();
                        }
                    } catch (IOException e) {
                        // after a commit there is nothing buffered, so only closing failed: the data is safe
                        LOG.warn("File sink task {} could not close {}: {}", taskName(), config.file(), e.getMessage());
                    } finally {
                        closeFiles();
                    }
                }
            }
        }
        LOG.info("File sink task {} stopped", taskName());
    }

    /**
     * For crash tests: what the OS does to the files of a process killed with {@code kill -9}. The buffered
     * lines are lost, nothing is committed, the output's lock is let go.
     */
    void simulateProcessDeath() {
        synchronized (lock) {
            stopped = true;
            if (writer != null) {
                try {
                    writer.discard();
                } catch (IOException e) {
                    // a dead process's files are closed whatever happened
                }
                closeFiles();
            }
        }
    }

    /** After the writer was closed or discarded: the commit log, then the lock (the next writer may start). */
    private void closeFiles() {
        writer = null;
        closeQuietly(commits);
        release(outputLock);
        outputLock = null;
    }

    /** Last, after everything written was committed: the next writer of the file may start. */
    private void release(OutputLock held) {
        if (held == null) {
            return;
        }
        try {
            held.close();
        } catch (IOException e) {
            LOG.warn("File sink task {} could not release the lock of {}: {}", taskName(), config.file(), e.getMessage());
        }
    }

    private void closeQuietly(CommitLog log) {
        try {
            log.close();
        } catch (IOException e) {
            // every append was written (and forced) when it returned: closing loses nothing
            LOG.warn("File sink task {} could not close {}: {}", taskName(), log.path(), e.getMessage());
        }
    }

    private LineWriter openWriter() {
        if (writer == null) {
            throw new ConnectException("file sink task used while not started");
        }
        if (failure != null) {
            throw new ConnectException("file sink task cannot write " + config.file() + " since a write failed ("
                + failure.getMessage() + "); a restart cuts the file back to its last commit", failure);
        }
        return writer;
    }

    private ConnectException failed(String action, IOException e) {
        failure = e;
        return new ConnectException("cannot " + action + " " + config.file() + ": " + e.getMessage(), e);
    }

    private String taskName() {
        return sinkTaskContext == null ? "-" : sinkTaskContext.getConnectorName() + "/" + sinkTaskContext.getTaskName();
    }
}
