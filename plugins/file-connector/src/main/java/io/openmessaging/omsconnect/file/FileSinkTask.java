package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.task.sink.SinkTask;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.errors.ConnectException;
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
            CommitLog log = new CommitLog(parsed.file(), parsed.fsync());
            CommitRecord committed;
            try {
                committed = OutputRecovery.recover(parsed.file(), log, parsed.fsync(), taskName());
            } catch (IOException e) {
                closeQuietly(log);
                throw new ConnectException("cannot recover " + parsed.file() + " to its last commit: " + e.getMessage()
                    + " (deleting " + log.path() + " makes the sink take the file's current length as committed:"
                    + " check that it ends in a whole line first)", e);
            }
            try {
                writer = LineWriter.open(parsed.file(), parsed.fsync());
            } catch (IOException e) {
                closeQuietly(log);
                throw new ConnectException("cannot open " + parsed.file() + " for appending: " + e.getMessage(), e);
            }
            commits = log;
            positions = new SinkPositions(committed.offsets());
            committedLength = committed.length();
            failure = null;
            config = parsed;
        }
        LOG.info("File sink task {} started on {} from topics {} at byte {}", taskName(), parsed.file(), parsed.topics(),
            committedLength);
    }

    @Override
    public void put(List<ConnectRecord> records) throws ConnectException {
        synchronized (lock) {
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
                        writer = null;
                        closeQuietly(commits);
                    }
                }
            }
        }
        LOG.info("File sink task {} stopped", taskName());
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
