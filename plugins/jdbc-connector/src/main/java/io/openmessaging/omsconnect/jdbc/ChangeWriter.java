package io.openmessaging.omsconnect.jdbc;

import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.jdbc.change.RowChange;
import io.openmessaging.omsconnect.jdbc.dialect.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Writes row changes in order, in one transaction: consecutive changes of the same table, kind and
 * columns share a prepared statement and go out with executeBatch every batch.size rows; commit at
 * the end, rollback (and a ConnectException) on any failure, so nothing is half-written.
 */
final class ChangeWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeWriter.class);

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final JdbcSinkConfig cfg;
    private final SqlDialect dialect;
    private final Set<String> ensuredTables = new HashSet<>();
    /** Row schemas already checked against their table (by identity: sources reuse one schema object per table version). */
    private final Map<String, Set<String>> knownColumns = new HashMap<>();
    private Connection connection;

    ChangeWriter(JdbcSinkConfig cfg) {
        this.cfg = cfg;
        this.dialect = SqlDialect.forUrl(cfg.url());
    }

    /** Opens the connection now, so a bad URL or password fails the task's start. */
    void open() {
        connection();
    }

    private Connection connection() {
        try {
            if (connection == null || !connection.isValid(5)) {
                closeQuietly();
                Properties p = new Properties();
                p.setProperty("user", cfg.user());
                p.setProperty("password", cfg.password());
                dialect.connectTimeout(p, CONNECT_TIMEOUT_SECONDS);
                Connection c = dialect.driver().connect(dialect.driverUrl(cfg.url()), p);
                if (c == null) {
                    throw new ConnectException("No driver accepts " + cfg.url());
                }
                c.setAutoCommit(false);
                connection = c;
            }
            return connection;
        } catch (SQLException e) {
            throw new ConnectException("Cannot connect to " + cfg.url() + " as '" + cfg.user() + "': " + e.getMessage(), e);
        }
    }

    void write(List<RowChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Connection c = connection();
        try {
            if (cfg.autoCreate()) {
                createTables(c, changes);
            }
            if (cfg.autoEvolve()) {
                addMissingColumns(c, changes);
            }
            int i = 0;
            while (i < changes.size()) {
                i = writeRun(c, changes, i);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; it is reopened on the next write
            }
            SQLException next = e instanceof SQLException s ? s.getNextException() : null;
            throw new ConnectException("Writing " + changes.size() + " changes failed and was rolled back: " + e.getMessage()
                    + (next != null ? " (" + next.getMessage() + ")" : ""), e);
        }
    }

    private void createTables(Connection c, List<RowChange> changes) throws SQLException {
        for (RowChange ch : changes) {
            if (ensuredTables.contains(ch.table())) {
                continue;
            }
            String ddl = dialect.createTable(ch.table(), ch.row().schema(), ch.pk());
            try (Statement s = c.createStatement()) {
                s.execute(ddl);
            }
            c.commit();
            ensuredTables.add(ch.table());
            LOG.info("Ensured table {}: {}", ch.table(), ddl);
        }
    }

    private void addMissingColumns(Connection c, List<RowChange> changes) throws SQLException {
        for (RowChange ch : changes) {
            Schema schema = ch.row().schema();
            // by column names, not schema identity: records that crossed a queue carry a new Schema object each
            Set<String> known = knownColumns.get(ch.table());
            if (ch.delete() || known != null && known.containsAll(columnNames(schema))) {
                continue;
            }
            Set<String> existing = dialect.columns(c, ch.table());
            Set<String> now = new HashSet<>(existing);
            if (!existing.isEmpty()) {
                for (Field f : schema.getFields()) {
                    if (!existing.contains(f.getName())) {
                        String ddl = dialect.addColumn(ch.table(), f.getName(), f.getSchema());
                        try (Statement s = c.createStatement()) {
                            s.execute(ddl);
                        }
                        now.add(f.getName());
                        LOG.info("Evolved table {}: {}", ch.table(), ddl);
                    }
                }
                c.commit();
            } else {
                now.addAll(columnNames(schema)); // no such table (auto.create off): nothing to evolve, the write will say so
            }
            knownColumns.put(ch.table(), now);
        }
    }

    /** Writes the run of alike changes starting at {@code from}; returns the index after it. */
    private int writeRun(Connection c, List<RowChange> changes, int from) throws SQLException {
        RowChange first = changes.get(from);
        List<String> columns = first.delete() ? first.pk() : columnNames(first.row().schema());
        if (first.delete() && first.pk().isEmpty()) {
            throw new ConnectException("Cannot delete from " + first.table() + ": no key (set pk.fields or send key Structs)");
        }
        String sql = first.delete() ? dialect.delete(first.table(), first.pk())
                : cfg.upsert() && !first.pk().isEmpty() ? dialect.upsert(first.table(), columns, first.pk())
                : dialect.insert(first.table(), columns);
        int i = from;
        // a key may occur once per executed batch: PostgreSQL's rewritten multi-row upsert rejects a second one
        Set<List<Object>> keysInBatch = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            while (i < changes.size() && alike(first, changes.get(i))) {
                Struct row = changes.get(i).row();
                Schema schema = row.schema();
                if (!first.pk().isEmpty() && !keysInBatch.add(keyOf(row, first.pk())) && pending > 0) {
                    ps.executeBatch();
                    pending = 0;
                    keysInBatch.clear();
                    keysInBatch.add(keyOf(row, first.pk()));
                }
                int p = 1;
                for (String col : columns) {
                    Field f = schema.getField(col);
                    if (f == null) {
                        throw new ConnectException("Row for " + first.table() + " has no column '" + col + "'");
                    }
                    dialect.bind(ps, p++, f.getSchema(), row.get(f));
                }
                ps.addBatch();
                i++;
                if (++pending == cfg.batchSize()) {
                    ps.executeBatch();
                    pending = 0;
                    keysInBatch.clear();
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        return i;
    }

    private static List<Object> keyOf(Struct row, List<String> pk) {
        List<Object> key = new ArrayList<>(pk.size());
        for (String c : pk) {
            Object v = row.get(c);
            // byte[] has identity equality; compare keys by content
            key.add(v instanceof byte[] b ? java.nio.ByteBuffer.wrap(b) : v);
        }
        return key;
    }

    private static boolean alike(RowChange a, RowChange b) {
        return a.delete() == b.delete() && a.table().equals(b.table()) && a.pk().equals(b.pk())
                && (a.delete() || a.row().schema() == b.row().schema() || a.row().schema().equals(b.row().schema()));
    }

    private static List<String> columnNames(Schema s) {
        List<String> out = new ArrayList<>();
        for (Field f : s.getFields()) {
            out.add(f.getName());
        }
        return out;
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
