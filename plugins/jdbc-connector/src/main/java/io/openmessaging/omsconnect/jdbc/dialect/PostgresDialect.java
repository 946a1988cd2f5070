package io.openmessaging.omsconnect.jdbc.dialect;

import io.openmessaging.connector.api.data.Schema;

import java.sql.Driver;
import java.util.List;
import java.util.StringJoiner;

/** PostgreSQL: {@code INSERT … ON CONFLICT (pk) DO UPDATE}, BYTEA, NUMERIC, TIMESTAMP(6). */
final class PostgresDialect extends SqlDialect {

    @Override
    public Driver driver() {
        return new org.postgresql.Driver();
    }

    @Override
    public String driverUrl(String url) {
        // lets executeBatch send one multi-row INSERT instead of one statement per row
        return url.contains("reWriteBatchedInserts") ? url : url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    @Override
    public void connectTimeout(java.util.Properties props, int seconds) {
        props.setProperty("connectTimeout", Integer.toString(seconds));
    }

    @Override
    protected java.sql.ResultSet columnsOf(java.sql.DatabaseMetaData md, String namespace, String table) throws java.sql.SQLException {
        return md.getColumns(null, namespace != null ? namespace : "public", table, null);
    }

    @Override
    protected String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    protected String columnType(Schema s, boolean key) {
        return switch (ConnectTypes.of(s)) {
            case INT8, INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "REAL";
            case FLOAT64 -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case BYTES -> "BYTEA";
            case DECIMAL -> ConnectTypes.precision(s) > 0
                    ? "NUMERIC(" + ConnectTypes.precision(s) + "," + ConnectTypes.scale(s) + ")" : "NUMERIC";
            case DATE -> "DATE";
            case TIME_MILLIS -> "TIME(3)";
            case TIME_MICROS -> "TIME(6)";
            case TIMESTAMP_MILLIS -> "TIMESTAMP(3)";
            case TIMESTAMP_MICROS -> "TIMESTAMP(6)";
            case STRING -> "TEXT";
        };
    }

    @Override
    protected String upsertClause(List<String> columns, List<String> pk) {
        StringJoiner conflict = new StringJoiner(", ");
        pk.forEach(c -> conflict.add(quote(c)));
        List<String> update = nonKey(columns, pk);
        if (update.isEmpty()) {
            return "ON CONFLICT (" + conflict + ") DO NOTHING";
        }
        StringJoiner set = new StringJoiner(", ");
        update.forEach(c -> set.add(quote(c) + " = EXCLUDED." + quote(c)));
        return "ON CONFLICT (" + conflict + ") DO UPDATE SET " + set;
    }
}
