package io.openmessaging.omsconnect.mysql.schema;

import io.openmessaging.connector.api.errors.ConnectException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Table definitions read from information_schema, cached until a DDL statement in the binlog
 * invalidates them. Owns its JDBC connection (reopened when it breaks).
 */
public final class TableCatalog implements AutoCloseable {

    private final Supplier<Connection> connector;
    private final Map<String, TableDef> cache = new ConcurrentHashMap<>();
    private Connection connection;

    /** @param connector opens a new metadata connection; throws ConnectException when it cannot */
    public TableCatalog(Supplier<Connection> connector) {
        this.connector = connector;
    }

    /** The table's current definition, or null when it does not exist. */
    public TableDef get(String database, String table) {
        String id = database + "." + table;
        TableDef def = cache.get(id);
        if (def == null) {
            def = load(database, table);
            if (def != null) {
                cache.put(id, def);
            }
        }
        return def;
    }

    /** Forgets every cached definition (after DDL the stream could not attribute to one table). */
    public void invalidate() {
        cache.clear();
    }

    /** Forgets one table's definition (after DDL on it); the next change of the table reads it again. */
    public void invalidate(String database, String table) {
        cache.remove(database + "." + table);
    }

    /**
     * Reads every accepted table now, at the position streaming starts from, so that a DDL applied while
     * the stream is still behind cannot be mistaken for the schema of the rows before it.
     */
    public void preload(java.util.function.BiPredicate<String, String> accepts) {
        List<String[]> tables = new ArrayList<>();
        try {
            synchronized (this) {
                if (connection == null || connection.isClosed()) {
                    connection = connector.get();
                }
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (accepts.test(rs.getString(1), rs.getString(2))) {
                            tables.add(new String[] {rs.getString(1), rs.getString(2)});
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new ConnectException("Cannot list tables: " + e.getMessage(), e);
        }
        for (String[] t : tables) {
            get(t[0], t[1]);
        }
    }

    private TableDef load(String database, String table) {
        try {
            return read(database, table);
        } catch (SQLException first) {
            // a metadata connection idle for hours may have been closed by the server: retry once on a fresh one
            closeConnection();
            try {
                return read(database, table);
            } catch (SQLException e) {
                throw new ConnectException("Cannot read the definition of table " + database + "." + table + ": " + e.getMessage(), e);
            }
        }
    }

    private synchronized TableDef read(String database, String table) throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connector.get();
        }
        List<ColumnDef> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION,"
                        + " CHARACTER_SET_NAME, CHARACTER_OCTET_LENGTH, CHARACTER_MAXIMUM_LENGTH"
                        + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String dataType = rs.getString(2).toLowerCase();
                    String columnType = rs.getString(3).toLowerCase();
                    columns.add(new ColumnDef(rs.getString(1), dataType, columnType, "YES".equals(rs.getString(4)),
                            rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getLong(9), rs.getLong(10),
                            dataType.equals("enum") || dataType.equals("set") ? EnumElements.parse(rs.getString(3)) : List.of()));
                }
            }
        }
        if (columns.isEmpty()) {
            return null;
        }
        List<String> pk = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                        + " AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pk.add(rs.getString(1));
                }
            }
        }
        return new TableDef(database, table, columns, pk);
    }

    private synchronized void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }
}
