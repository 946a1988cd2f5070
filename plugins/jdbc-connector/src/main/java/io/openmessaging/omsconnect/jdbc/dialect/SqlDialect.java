package io.openmessaging.omsconnect.jdbc.dialect;

import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.errors.ConnectException;

import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * What differs between target databases: identifier quoting, column types for Connect schemas, the
 * upsert clause and the driver. The statements all dialects share are built here.
 */
public abstract class SqlDialect {

    /** The dialect for a JDBC URL: PostgreSQL or MariaDB/MySQL. */
    public static SqlDialect forUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return new MariaDbDialect();
        }
        throw new ConnectException("connection.url must start with jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:, not '" + url + "'");
    }

    /** The driver, instantiated directly: DriverManager does not see drivers in a plugin's classloader. */
    public abstract Driver driver();

    /** The URL to hand the driver (a dialect may add settings it needs, or map a scheme its driver wants). */
    public String driverUrl(String url) {
        return url;
    }

    /** Sets the driver's connect timeout (each driver has its own property and unit). */
    public abstract void connectTimeout(java.util.Properties props, int seconds);

    protected abstract String quote(String identifier);

    /** The column type holding values of {@code schema}; {@code key} when the column is part of the primary key. */
    protected abstract String columnType(Schema schema, boolean key);

    /** The clause after {@code INSERT … VALUES (…)} that turns it into an upsert on {@code pk}. */
    protected abstract String upsertClause(List<String> columns, List<String> pk);

    /** A table name, quoted part by part ({@code schema.table} stays qualified). */
    public String table(String name) {
        StringJoiner j = new StringJoiner(".");
        for (String part : name.split("\\.")) {
            j.add(quote(part));
        }
        return j.toString();
    }

    public String insert(String table, List<String> columns) {
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        for (String c : columns) {
            cols.add(quote(c));
            marks.add("?");
        }
        return "INSERT INTO " + table(table) + " (" + cols + ") VALUES (" + marks + ")";
    }

    public String upsert(String table, List<String> columns, List<String> pk) {
        return insert(table, columns) + " " + upsertClause(columns, pk);
    }

    public String delete(String table, List<String> pk) {
        StringJoiner where = new StringJoiner(" AND ");
        for (String c : pk) {
            where.add(quote(c) + " = ?");
        }
        return "DELETE FROM " + table(table) + " WHERE " + where;
    }

    public String createTable(String table, Schema row, List<String> pk) {
        StringJoiner cols = new StringJoiner(", ");
        for (Field f : row.getFields()) {
            boolean key = pk.contains(f.getName());
            cols.add(quote(f.getName()) + " " + columnType(f.getSchema(), key) + (key || !f.getSchema().isOptional() ? " NOT NULL" : ""));
        }
        if (!pk.isEmpty()) {
            List<String> quoted = new ArrayList<>();
            pk.forEach(c -> quoted.add(quote(c)));
            cols.add("PRIMARY KEY (" + String.join(", ", quoted) + ")");
        }
        return "CREATE TABLE IF NOT EXISTS " + table(table) + " (" + cols + ")";
    }

    /** Adds a nullable column (additive schema evolution: a source column added by ALTER TABLE). */
    public String addColumn(String table, String column, Schema schema) {
        return "ALTER TABLE " + table(table) + " ADD COLUMN " + quote(column) + " " + columnType(schema, false);
    }

    /** The column names the target table has now, or an empty set when it does not exist. */
    public java.util.Set<String> columns(java.sql.Connection c, String table) throws SQLException {
        String[] parts = table.split("\\.");
        String name = parts[parts.length - 1];
        String namespace = parts.length > 1 ? parts[parts.length - 2] : null;
        java.util.Set<String> out = new java.util.HashSet<>();
        try (java.sql.ResultSet rs = columnsOf(c.getMetaData(), namespace, name)) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }

    /** Column metadata of a table in a namespace (a PostgreSQL schema, a MariaDB database; null = current). */
    protected abstract java.sql.ResultSet columnsOf(java.sql.DatabaseMetaData md, String namespace, String table) throws SQLException;

    public void bind(PreparedStatement ps, int index, Schema schema, Object value) throws SQLException {
        ValueBinder.bind(ps, index, schema, value);
    }

    /** Non-key columns, the ones an upsert updates. */
    protected static List<String> nonKey(List<String> columns, List<String> pk) {
        List<String> out = new ArrayList<>(columns);
        out.removeAll(pk);
        return out;
    }
}
