package io.openmessaging.omsconnect.jdbc.dialect;

import io.openmessaging.connector.api.data.Schema;

import java.sql.Driver;
import java.util.List;
import java.util.StringJoiner;

/** MariaDB/MySQL: {@code INSERT … ON DUPLICATE KEY UPDATE}, LONGBLOB, DECIMAL, DATETIME(6), utf8mb4 text. */
final class MariaDbDialect extends SqlDialect {

    /** Longest VARCHAR (in utf8mb4 characters) still stored in-row and indexable as a key. */
    private static final int MAX_KEY_CHARS = 768;
    private static final String SOURCE_LENGTH = "source.column.length";

    @Override
    public Driver driver() {
        return new org.mariadb.jdbc.Driver();
    }

    @Override
    public String driverUrl(String url) {
        // the MariaDB driver takes jdbc:mysql: only when told to
        return url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()) : url;
    }

    @Override
    public void connectTimeout(java.util.Properties props, int seconds) {
        props.setProperty("connectTimeout", Integer.toString(seconds * 1000));
    }

    @Override
    protected java.sql.ResultSet columnsOf(java.sql.DatabaseMetaData md, String namespace, String table) throws java.sql.SQLException {
        return md.getColumns(namespace != null ? namespace : md.getConnection().getCatalog(), null, table, null);
    }

    @Override
    protected String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    protected String columnType(Schema s, boolean key) {
        return switch (ConnectTypes.of(s)) {
            case INT8 -> "TINYINT";
            case INT16 -> "SMALLINT";
            case INT32 -> "INT";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case BYTES -> key ? "VARBINARY(255)" : "LONGBLOB";
            case DECIMAL -> "DECIMAL(" + (ConnectTypes.precision(s) > 0 ? ConnectTypes.precision(s) : 65) + "," + ConnectTypes.scale(s) + ")";
            case DATE -> "DATE";
            case TIME_MILLIS -> "TIME(3)";
            case TIME_MICROS -> "TIME(6)";
            case TIMESTAMP_MILLIS -> "DATETIME(3)";
            case TIMESTAMP_MICROS -> "DATETIME(6)";
            case STRING -> text(s, key);
        };
    }

    private static String text(Schema s, boolean key) {
        String len = s.getParameters() == null ? null : s.getParameters().get(SOURCE_LENGTH);
        long n = len == null ? -1 : Long.parseLong(len);
        if (key) {
            return "VARCHAR(" + (n > 0 && n <= MAX_KEY_CHARS ? n : 255) + ") CHARACTER SET utf8mb4";
        }
        return (n > 0 && n <= MAX_KEY_CHARS ? "VARCHAR(" + n + ")" : "LONGTEXT") + " CHARACTER SET utf8mb4";
    }

    @Override
    protected String upsertClause(List<String> columns, List<String> pk) {
        List<String> update = nonKey(columns, pk);
        if (update.isEmpty()) {
            update = pk;
        }
        StringJoiner set = new StringJoiner(", ");
        update.forEach(c -> set.add(quote(c) + " = VALUES(" + quote(c) + ")"));
        return "ON DUPLICATE KEY UPDATE " + set;
    }
}
