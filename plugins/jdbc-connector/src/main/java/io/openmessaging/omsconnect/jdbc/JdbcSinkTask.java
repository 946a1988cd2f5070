package io.openmessaging.omsconnect.jdbc;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.task.sink.SinkTask;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.jdbc.change.ChangeReader;
import io.openmessaging.omsconnect.jdbc.change.RowChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes change records into a PostgreSQL or MariaDB/MySQL database. Each {@link #put} is one
 * transaction, committed before put returns, so whatever the worker acknowledges after put is durable
 * and {@link #flush} has nothing left to do.
 */
public class JdbcSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkTask.class);

    private ChangeReader reader;
    private ChangeWriter writer;

    @Override
    public void validate(KeyValue config) {
        JdbcSinkConfig.from(config);
    }

    @Override
    public void start(KeyValue config) {
        JdbcSinkConfig cfg = JdbcSinkConfig.from(config);
        reader = new ChangeReader(cfg.tableFormat(), cfg.pkFields(), cfg.defaultTopic(), cfg.deleteEnabled());
        writer = new ChangeWriter(cfg);
        writer.open();
        LOG.info("JDBC sink task started: {}", cfg);
    }

    @Override
    public void put(List<ConnectRecord> records) throws ConnectException {
        List<RowChange> changes = new ArrayList<>(records.size());
        for (ConnectRecord r : records) {
            changes.addAll(reader.read(r));
        }
        writer.write(changes);
    }

    @Override
    public void flush(Map<RecordPartition, RecordOffset> offsets) {
        // every put committed its transaction before returning
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
        LOG.info("JDBC sink task stopped");
    }
}
