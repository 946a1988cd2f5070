package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.task.source.SourceTask;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.errors.ConnectException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits each line of a file as one record, then follows the file as it grows ({@code tail -f}).
 *
 * <p>Record: partition {@code {"file": <absolute path>}}, offset {@code {"position": <byte
 * position after the line>}}, a STRING schema, the line (without its line ending) as data, and
 * the topic in the extension {@code topic} (where RocketMQ Connect's worker looks for it). On
 * start it resumes at the committed position; a file shorter than that position, truncated or
 * replaced (rotated) while read, is read again from its start. A missing file is waited for.
 * {@link #poll()} waits at most {@value #POLL_WAIT_MS} ms for new lines, so the worker can pause
 * or stop the task promptly.
 */
public class FileSourceTask extends SourceTask {

    static final String PARTITION_FILE = "file";
    static final String OFFSET_POSITION = "position";
    /** The record extension naming the target topic. */
    static final String TOPIC_EXTENSION = "topic";

    private static final Logger LOG = LoggerFactory.getLogger(FileSourceTask.class);
    private static final long POLL_WAIT_MS = 100;
    /** How often a waiting poll looks for new bytes: appends show up within this. */
    private static final long RECHECK_MS = 10;

    private final Schema schema = SchemaBuilder.string().build();
    /** Guards the reader: stop() may come from another thread than poll(). */
    private final Object lock = new Object();
    private SourceConfig config;
    private RecordPartition partition;
    private LineReader reader;
    private boolean resumed;
    private boolean waitingLogged;
    private boolean stopped;

    @Override
    public void validate(KeyValue config) {
        SourceConfig.from(config);
    }

    @Override
    public void start(KeyValue taskConfig) {
        SourceConfig parsed = SourceConfig.from(taskConfig);
        synchronized (lock) {
            config = parsed;
            partition = new RecordPartition(Map.of(PARTITION_FILE, parsed.file().toString()));
            resumed = false;
            waitingLogged = false;
            stopped = false;
        }
        LOG.info("File source task {} started on {} to topic {}", taskName(), parsed.file(), parsed.topic());
    }

    @Override
    public List<ConnectRecord> poll() throws InterruptedException {
        synchronized (lock) {
            long deadline = System.nanoTime() + POLL_WAIT_MS * 1_000_000L;
            while (!stopped) {
                List<ConnectRecord> records = readBatch();
                if (!records.isEmpty()) {
                    return records;
                }
                long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
                if (leftMs <= 0) {
                    return records;
                }
                lock.wait(Math.min(RECHECK_MS, leftMs));
            }
            return new ArrayList<>(0);
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            stopped = true;
            closeReader();
            lock.notifyAll();
        }
        LOG.info("File source task {} stopped", taskName());
    }

    private List<ConnectRecord> readBatch() {
        if (config == null) {
            throw new ConnectException("file source task polled before start");
        }
        List<ConnectRecord> records = new ArrayList<>();
        try {
            if (reader == null && !openReader()) {
                return records;
            }
            Long timestamp = System.currentTimeMillis();
            int read = reader.readLines(config.batchSize(), (line, next) -> records.add(record(line, next, timestamp)));
            if (read == 0) {
                // checked only when idle: the checks cost syscalls, and a busy file is not being rotated
                restartIfRewritten();
            }
            return records;
        } catch (IOException e) {
            throw new ConnectException("cannot read " + config.file() + ": " + e.getMessage(), e);
        }
    }

    private ConnectRecord record(String line, long nextPosition, Long timestamp) {
        ConnectRecord record = new ConnectRecord(partition,
            new RecordOffset(Map.of(OFFSET_POSITION, nextPosition)), timestamp, schema, line);
        record.setExtensions(new TopicExtensions(config.topic()));
        return record;
    }

    /** Opens the file at the committed position (first open) or at 0 (a rotated file); false while it does not exist. */
    private boolean openReader() throws IOException {
        try {
            reader = LineReader.open(config.file());
        } catch (NoSuchFileException missing) {
            if (!waitingLogged) {
                LOG.info("File source task {} waits for {} to be created", taskName(), config.file());
                waitingLogged = true;
            }
            return false;
        }
        waitingLogged = false;
        long startAt = resumed ? 0 : committedPosition();
        resumed = true;
        if (reader.size() < startAt) {
            LOG.warn("File source task {}: {} is shorter ({} bytes) than the committed position {}; it was truncated or replaced, reading it from the start",
                taskName(), config.file(), reader.size(), startAt);
            startAt = 0;
        }
        reader.seek(startAt);
        LOG.info("File source task {} reads {} from byte {}", taskName(), config.file(), startAt);
        return true;
    }

    private void restartIfRewritten() throws IOException {
        if (reader.wasTruncated()) {
            LOG.warn("File source task {}: {} was truncated, reading it from the start", taskName(), config.file());
            reader.seek(0);
        } else if (reader.wasReplaced()) {
            LOG.warn("File source task {}: {} was replaced (rotated), reading the new file from the start", taskName(), config.file());
            closeReader();
        }
    }

    private long committedPosition() {
        if (sourceTaskContext == null || sourceTaskContext.offsetStorageReader() == null) {
            return 0;
        }
        RecordOffset committed = sourceTaskContext.offsetStorageReader().readOffset(partition);
        if (committed == null || committed.getOffset() == null) {
            return 0;
        }
        Object position = committed.getOffset().get(OFFSET_POSITION);
        try {
            // offset stores that went through JSON may give back an Integer, a Double or a String
            long value = position instanceof Number number ? number.longValue()
                : position == null ? 0 : Long.parseLong(position.toString().trim());
            return Math.max(0, value);
        } catch (NumberFormatException e) {
            LOG.warn("File source task {}: committed position '{}' of {} is not a number, reading from the start",
                taskName(), position, config.file());
            return 0;
        }
    }

    private void closeReader() {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (IOException e) {
            LOG.warn("File source task {}: closing {} failed: {}", taskName(), config.file(), e.toString());
        }
        reader = null;
    }

    private String taskName() {
        return sourceTaskContext == null ? "-" : sourceTaskContext.getConnectorName() + "/" + sourceTaskContext.getTaskName();
    }
}
