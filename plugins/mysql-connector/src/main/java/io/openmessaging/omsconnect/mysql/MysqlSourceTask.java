package io.openmessaging.omsconnect.mysql;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.task.source.SourceTask;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.mysql.binlog.BinlogFiles;
import io.openmessaging.omsconnect.mysql.binlog.BinlogPosition;
import io.openmessaging.omsconnect.mysql.binlog.BinlogReader;
import io.openmessaging.omsconnect.mysql.schema.TableCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Streams row changes of the configured tables from one MariaDB/MySQL server's binlog. Resumes exactly
 * after the last committed record (see {@link BinlogPosition}); with no committed offset, starts at
 * {@code startPosition}. A bad config or an unreadable server fails {@link #start} within the connect timeout.
 */
public class MysqlSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(MysqlSourceTask.class);
    private static final int POLL_TIMEOUT_MS = 500;
    private static final int MAX_BATCH = 2000;

    private MysqlSourceConfig cfg;
    private TableCatalog catalog;
    private BinlogReader reader;

    @Override
    public void validate(KeyValue config) {
        MysqlSourceConfig.from(config);
    }

    @Override
    public void start(KeyValue config) {
        cfg = MysqlSourceConfig.from(config);
        ServerCheck.check(cfg);
        catalog = new TableCatalog(() -> MysqlConnections.open(cfg, 60_000));
        catalog.preload(cfg.tables()::accepts);
        RecordPartition partition = new RecordPartition(Map.of("server", cfg.server()));
        BinlogPosition committed = committedPosition(partition);
        BinlogPosition from;
        if (committed != null) {
            from = BinlogPosition.boundary(committed.file(), committed.pos());
        } else {
            try (Connection c = MysqlConnections.open(cfg, cfg.connectTimeoutMs() * 2)) {
                from = BinlogFiles.resolve(c, cfg.startPosition());
            } catch (SQLException e) {
                throw new ConnectException("Cannot find the binlog start position on " + cfg.server() + ": " + e.getMessage(), e);
            }
        }
        String name = "mysql-binlog-" + (sourceTaskContext != null ? sourceTaskContext.getTaskName() : cfg.server());
        reader = new BinlogReader(cfg, catalog, from, committed, name);
        try {
            reader.start();
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        LOG.info("MySQL source task for {} started at {} (committed offset: {})", cfg.server(), from, committed);
    }

    private BinlogPosition committedPosition(RecordPartition partition) {
        if (sourceTaskContext == null || sourceTaskContext.offsetStorageReader() == null) {
            return null;
        }
        RecordOffset offset = sourceTaskContext.offsetStorageReader().readOffset(partition);
        return BinlogPosition.fromOffset(offset);
    }

    @Override
    public List<ConnectRecord> poll() throws InterruptedException {
        return reader.poll(POLL_TIMEOUT_MS, MAX_BATCH);
    }

    @Override
    public void stop() {
        if (reader != null) {
            reader.close();
        }
        if (catalog != null) {
            catalog.close();
        }
        LOG.info("MySQL source task for {} stopped", cfg == null ? "?" : cfg.server());
    }
}
