package io.openmessaging.omsconnect.mysql;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The mirror workload shared by the end-to-end test and the benchmark: an 18-column MariaDB table of 17 types,
 * deterministic multi-row inserts/updates/deletes and a canonical row form to compare both sides
 * (MariaDB and PostgreSQL).
 */
public final class MirrorTable {

    public static final int ROWS_PER_STATEMENT = 100;

    private MirrorTable() {
    }

    public static void create(EmbeddedMariaDb db, String database, String table) throws SQLException {
        db.exec("CREATE DATABASE IF NOT EXISTS " + database, "DROP TABLE IF EXISTS " + database + "." + table,
                "CREATE TABLE " + database + "." + table + " (id BIGINT PRIMARY KEY, ti TINYINT, su SMALLINT UNSIGNED, iv INT,"
                        + " bi BIGINT, amount DECIMAL(18,6), dbl DOUBLE, d DATE, dtm DATETIME(6), ts TIMESTAMP(6) NULL,"
                        + " name VARCHAR(100) CHARACTER SET utf8mb4, body TEXT CHARACTER SET utf8mb4, payload BLOB, flag BIT(1),"
                        + " color ENUM('red','green','blue'), yr YEAR, tm TIME(6), dt3 DATETIME(3)) DEFAULT CHARSET=utf8mb4");
    }


    public static void insert(EmbeddedMariaDb db, String database, String table, int rows) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO " + database + "." + table + " VALUES ");
        for (int i = 0; i < ROWS_PER_STATEMENT; i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        }
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            c.createStatement().execute("SET time_zone = '+00:00'");
            for (int start = 1; start <= rows; start += ROWS_PER_STATEMENT) {
                int p = 1;
                for (int id = start; id < start + ROWS_PER_STATEMENT; id++) {
                    Random r = new Random(id);
                    boolean nulls = id % 7 == 0;
                    ps.setLong(p++, id);
                    ps.setObject(p++, nulls ? null : (byte) (r.nextInt(256) - 128));
                    ps.setObject(p++, nulls ? null : r.nextInt(65536));
                    ps.setObject(p++, nulls ? null : r.nextInt());
                    ps.setObject(p++, nulls ? null : r.nextLong());
                    ps.setObject(p++, nulls ? null : BigDecimal.valueOf(r.nextLong() % 1_000_000_000_000L, 6));
                    ps.setObject(p++, nulls ? null : r.nextDouble() * 1e6);
                    ps.setObject(p++, nulls ? null : LocalDate.of(1950 + r.nextInt(100), 1 + r.nextInt(12), 1 + r.nextInt(28)));
                    ps.setObject(p++, nulls ? null : LocalDateTime.of(1900 + r.nextInt(200), 1 + r.nextInt(12), 1 + r.nextInt(28),
                            r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000) * 1000));
                    ps.setObject(p++, nulls ? null : LocalDateTime.of(1980 + r.nextInt(50), 1 + r.nextInt(12), 1 + r.nextInt(28),
                            r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000) * 1000));
                    ps.setObject(p++, nulls ? null : "name " + id + " é 😀 中文");
                    ps.setObject(p++, nulls ? null : "body 🚀 ".repeat(1 + r.nextInt(20)));
                    byte[] blob = new byte[r.nextInt(64)];
                    r.nextBytes(blob);
                    ps.setObject(p++, nulls ? null : blob);
                    ps.setObject(p++, nulls ? null : r.nextBoolean());
                    ps.setObject(p++, nulls ? null : new String[] {"red", "green", "blue"}[r.nextInt(3)]);
                    ps.setObject(p++, nulls ? null : 1901 + r.nextInt(255));
                    ps.setObject(p++, nulls ? null : LocalTime.of(r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000) * 1000));
                    ps.setObject(p++, nulls ? null : LocalDateTime.of(1900 + r.nextInt(200), 1 + r.nextInt(12), 1 + r.nextInt(28),
                            r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1000) * 1_000_000));
                }
                ps.executeUpdate();
            }
        }
    }

    /** Updates ids 2, 4, … (rows) in statements touching many rows each (multi-row update events). */
    public static void update(EmbeddedMariaDb db, String database, String table, int rows) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (int start = 0; start < rows; start += ROWS_PER_STATEMENT) {
                s.executeUpdate("UPDATE " + database + "." + table + " SET name = CONCAT('upd ', id, ' 🎉'), amount = -amount,"
                        + " dtm = '2001-02-03 04:05:06.000007', payload = NULL, ti = 7"
                        + " WHERE id % 2 = 0 AND id > " + start * 2 + " AND id <= " + (start + ROWS_PER_STATEMENT) * 2);
            }
        }
    }

    /** Deletes ids 5, 15, 25, … (rows of them), many per statement. */
    public static void delete(EmbeddedMariaDb db, String database, String table, int rows) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (int start = 0; start < rows; start += ROWS_PER_STATEMENT) {
                s.executeUpdate("DELETE FROM " + database + "." + table + " WHERE id % 10 = 5 AND id > " + start * 10
                        + " AND id <= " + (start + ROWS_PER_STATEMENT) * 10);
            }
        }
    }

    /** All rows ordered by id, every value in a form both databases agree on. */
    public static List<List<Object>> rows(Connection c, String table) throws SQLException {
        try (c; Statement s = c.createStatement()) {
            if (c.getMetaData().getURL().startsWith("jdbc:mariadb")) {
                s.execute("SET time_zone = '+00:00'");
            }
            List<List<Object>> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.add("YEAR".equalsIgnoreCase(md.getColumnTypeName(i)) ? (Object) rs.getString(i) : canonical(rs, i, md.getColumnType(i)));
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }

    private static Object canonical(ResultSet rs, int i, int sqlType) throws SQLException {
        Object v = rs.getObject(i);
        if (v == null) {
            return null;
        }
        switch (sqlType) {
            case Types.TIMESTAMP:
                return rs.getObject(i, LocalDateTime.class).toString();
            case Types.DATE:
                return rs.getObject(i, LocalDate.class).toString();
            case Types.TIME:
                return rs.getObject(i, LocalTime.class).toString();
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return HexFormat.of().formatHex(rs.getBytes(i));
            case Types.BIT:
            case Types.BOOLEAN:
                return rs.getBoolean(i);
            case Types.DOUBLE:
            case Types.FLOAT:
            case Types.REAL:
                return rs.getDouble(i);
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
            case Types.DECIMAL:
            case Types.NUMERIC:
                return rs.getBigDecimal(i).stripTrailingZeros().toPlainString();
            default:
                return rs.getString(i);
        }
    }
}
