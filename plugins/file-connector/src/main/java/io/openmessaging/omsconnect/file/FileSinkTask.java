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
 */
public class FileSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(FileSinkTask.class);

    /** Guards the writer: stop() may come from another thread than put(). */
    private final Object lock = new Object();
    private SinkConfig config;
    private LineWriter writer;

    @Override
    public void validate(KeyValue config) {
        SinkConfig.from(config);
    }

    @Override
    public void start(KeyValue taskConfig) {
        SinkConfig parsed = SinkConfig.from(taskConfig);
        synchronized (lock) {
            try {
                writer = LineWriter.open(parsed.file(), parsed.fsync());
            } catch (IOException e) {
                throw new ConnectException("cannot open " + parsed.file() + " for appending: " + e.getMessage(), e);
            }
            config = parsed;
        }
        LOG.info("File sink task {} started on {} from topics {}", taskName(), parsed.file(), parsed.topics());
    }

    @Override
    public void put(List<ConnectRecord> records) throws ConnectException {
        synchronized (lock) {
            LineWriter open = openWriter();
            try {
                for (ConnectRecord record : records) {
                    write(open, record.getData());
                }
            } catch (IOException e) {
                throw new ConnectException("cannot write to " + config.file() + ": " + e.getMessage(), e);
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
            try {
                openWriter().flush();
            } catch (IOException e) {
                throw new ConnectException("cannot flush " + config.file() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    throw new ConnectException("cannot flush and close " + config.file() + ": " + e.getMessage(), e);
                } finally {
                    writer = null;
                }
            }
        }
        LOG.info("File sink task {} stopped", taskName());
    }

    private LineWriter openWriter() {
        if (writer == null) {
            throw new ConnectException("file sink task used while not started");
        }
        return writer;
    }

    private String taskName() {
        return sinkTaskContext == null ? "-" : sinkTaskContext.getConnectorName() + "/" + sinkTaskContext.getTaskName();
    }
}
