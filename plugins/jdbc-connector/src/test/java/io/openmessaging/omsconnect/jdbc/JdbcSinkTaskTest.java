package io.openmessaging.omsconnect.jdbc;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.data.logical.Date;
import io.openmessaging.connector.api.data.logical.Decimal;
import io.openmessaging.connector.api.data.logical.Timestamp;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.jdbc.dialect.ConnectTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink against real PostgreSQL and MariaDB: auto-create with faithful types, upsert, delete, plain structs, rollback. */
class JdbcSinkTaskTest {

    static final Schema ROW = SchemaBuilder.struct().name("db.t.Value").optional()
            .field("id", SchemaBuilder.int32().build())
            .field("name", SchemaBuilder.string().optional().build())
            .field("amount", Decimal.builder(3).parameter(ConnectTypes.DECIMAL_PRECISION, "10").optional().build())
            .field("at", SchemaBuilder.int64().name(ConnectTypes.MICRO_TIMESTAMP).optional().build())
            .field("at_ms", Timestamp.builder().optional().build())
            .field("day", Date.builder().optional().build())
            .field("raw", SchemaBuilder.bytes().optional().build())
            .field("small", SchemaBuilder.int8().optional().build())
            .field("flag", SchemaBuilder.bool().optional().build())
            .field("ratio", SchemaBuilder.float64().optional().build())
            .build();
    static final Schema KEY = SchemaBuilder.struct().name("db.t.Key").field("id", SchemaBuilder.int32().build()).build();
    static final Schema ENVELOPE = SchemaBuilder.struct().name("db.t.Envelope")
            .field("op", SchemaBuilder.string().build()).field("database", SchemaBuilder.string().build())
            .field("table", SchemaBuilder.string().build()).field("before", ROW).field("after", ROW)
            .field("ts_ms", SchemaBuilder.int64().build()).build();

    TargetDatabase target;
    JdbcSinkTask sink;

    @AfterEach
    void tearDown() throws SQLException {
        if (sink != null) {
            sink.stop();
        }
        if (target != null) {
            target.drop();
        }
    }

    void start(String which, Map<String, String> extra) {
        target = which.equals("postgres") ? TargetDatabase.postgres() : TargetDatabase.mariadb();
        KeyValue kv = new DefaultKeyValue();
        kv.put("connection.url", target.url());
        kv.put("connection.user", target.user());
        kv.put("table.name.format", (target.isPostgres() ? target.namespace() + "." : "") + "${topic}");
        extra.forEach(kv::put);
        sink = new JdbcSinkTask();
        sink.start(kv);
    }

    static Struct row(int id, String name) {
        Struct r = new Struct(ROW);
        r.put("id", id);
        r.put("name", name);
        r.put("amount", new BigDecimal("-1234567.891"));
        r.put("at", 1_700_000_000_123_456L);
        r.put("at_ms", java.util.Date.from(Instant.parse("2020-01-02T03:04:05.678Z")));
        r.put("day", java.util.Date.from(Instant.parse("2024-02-29T00:00:00Z")));
        r.put("raw", new byte[] {0, 1, (byte) 0xFF});
        r.put("small", (byte) -5);
        r.put("flag", true);
        r.put("ratio", 0.25);
        return r;
    }

    static ConnectRecord change(String op, Struct before, Struct after) {
        Struct env = new Struct(ENVELOPE);
        env.put("op", op);
        env.put("database", "db");
        env.put("table", "t");
        env.put("before", before);
        env.put("after", after);
        env.put("ts_ms", 0L);
        Struct key = new Struct(KEY);
        key.put("id", (after != null ? after : before).get("id"));
        ConnectRecord r = new ConnectRecord(new RecordPartition(Map.of("p", "1")), new RecordOffset(Map.of("o", 1)), 0L, KEY, key, ENVELOPE, env);
        r.addExtension("topic", "items");
        return r;
    }

    List<List<Object>> select(String table) throws SQLException {
        String t = target.isPostgres() ? target.namespace() + "." + table : table;
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = target.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + t + " ORDER BY 1")) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    Map<String, String> columnTypes(String table) throws SQLException {
        Map<String, String> out = new java.util.HashMap<>();
        try (Connection c = target.connect(); ResultSet rs = c.getMetaData().getColumns(
                target.isPostgres() ? null : target.namespace(), target.isPostgres() ? target.namespace() : null, table, null)) {
            while (rs.next()) {
                out.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME").toLowerCase() + "(" + rs.getInt("COLUMN_SIZE")
                        + "," + rs.getInt("DECIMAL_DIGITS") + ")");
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void autoCreateUpsertDelete(String which) throws Exception {
        start(which, Map.of());
        sink.put(List.of(change("c", null, row(1, "one 😀")), change("c", null, row(2, "two"))));
        Map<String, String> types = columnTypes("items");
        assertTrue(types.get("amount").startsWith(target.isPostgres() ? "numeric(10,3)" : "decimal(10,3)"), types.toString());
        assertTrue(types.get("raw").startsWith(target.isPostgres() ? "bytea" : "longblob"), types.toString());
        assertTrue(types.get("at").startsWith(target.isPostgres() ? "timestamp" : "datetime"), types.toString());
        assertTrue(types.get("at").endsWith(",6)") || types.get("at").contains("26"), types.toString());

        List<List<Object>> rows = select("items");
        assertEquals(2, rows.size());
        assertEquals("one 😀", rows.get(0).get(1));
        assertEquals(0, new BigDecimal("-1234567.891").compareTo((BigDecimal) rows.get(0).get(2)));
        assertEquals(java.time.LocalDateTime.parse("2023-11-14T22:13:20.123456"), toLocal(rows.get(0).get(3)));
        assertEquals(java.time.LocalDateTime.parse("2020-01-02T03:04:05.678"), toLocal(rows.get(0).get(4)));
        assertArrayEquals(new byte[] {0, 1, (byte) 0xFF}, (byte[]) rows.get(0).get(6));

        Struct updated = row(1, "uno");
        updated.put("amount", null);
        sink.put(List.of(change("u", row(1, "one 😀"), updated), change("d", row(2, "two"), null)));
        rows = select("items");
        assertEquals(1, rows.size());
        assertEquals("uno", rows.get(0).get(1));
        assertNull(rows.get(0).get(2));

        // an update that changes the key moves the row
        sink.put(List.of(change("u", row(1, "uno"), row(9, "nine"))));
        rows = select("items");
        assertEquals(1, rows.size());
        assertEquals(9, ((Number) rows.get(0).get(0)).intValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void plainStructsWithPkFieldsAndTombstones(String which) throws Exception {
        start(which, Map.of("pk.fields", "id"));
        Schema plain = SchemaBuilder.struct().field("id", SchemaBuilder.int64().build())
                .field("v", SchemaBuilder.string().optional().build()).build();
        Struct a = new Struct(plain);
        a.put("id", 5L);
        a.put("v", "first");
        Struct b = new Struct(plain);
        b.put("id", 5L);
        b.put("v", "second");
        ConnectRecord ra = new ConnectRecord(null, null, 0L, plain, a);
        ra.addExtension("topic", "plain");
        ConnectRecord rb = new ConnectRecord(null, null, 0L, plain, b);
        rb.addExtension("topic", "plain");
        sink.put(List.of(ra, rb));
        assertEquals("second", select("plain").get(0).get(1));

        Schema keySchema = SchemaBuilder.struct().field("id", SchemaBuilder.int64().build()).build();
        Struct key = new Struct(keySchema);
        key.put("id", 5L);
        ConnectRecord tombstone = new ConnectRecord(null, null, 0L, keySchema, key, null, null);
        tombstone.addExtension("topic", "plain");
        sink.put(List.of(tombstone));
        assertTrue(select("plain").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void failedPutRollsBackEverything(String which) throws Exception {
        start(which, Map.of("insert.mode", "insert", "delete.enabled", "false"));
        sink.put(List.of(change("c", null, row(1, "one"))));
        // the second row of this put violates the key: the first must not stay either
        assertThrows(ConnectException.class, () -> sink.put(List.of(change("c", null, row(2, "two")), change("c", null, row(1, "dup")))));
        assertEquals(1, select("items").size());
        sink.put(List.of(change("d", row(1, "one"), null)));
        assertEquals(1, select("items").size(), "delete.enabled=false drops deletes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void addsColumnsANewerRowSchemaHas(String which) throws Exception {
        start(which, Map.of("pk.fields", "id"));
        Schema v1 = SchemaBuilder.struct().field("id", SchemaBuilder.int32().build()).build();
        Schema v2 = SchemaBuilder.struct().field("id", SchemaBuilder.int32().build())
                .field("added", SchemaBuilder.string().optional().build()).build();
        Struct a = new Struct(v1);
        a.put("id", 1);
        Struct b = new Struct(v2);
        b.put("id", 2);
        b.put("added", "after ALTER");
        ConnectRecord ra = new ConnectRecord(null, null, 0L, v1, a);
        ra.addExtension("topic", "evolving");
        ConnectRecord rb = new ConnectRecord(null, null, 0L, v2, b);
        rb.addExtension("topic", "evolving");
        sink.put(List.of(ra));
        sink.put(List.of(rb));
        List<List<Object>> rows = select("evolving");
        assertNull(rows.get(0).get(1));
        assertEquals("after ALTER", rows.get(1).get(1));
    }

    static java.time.LocalDateTime toLocal(Object v) {
        return v instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (java.time.LocalDateTime) v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void badPasswordFailsStart(String which) throws Exception {
        target = which.equals("postgres") ? TargetDatabase.postgres() : TargetDatabase.mariadb();
        KeyValue kv = new DefaultKeyValue();
        kv.put("connection.url", target.url());
        kv.put("connection.user", "no_such_user");
        kv.put("connection.password", "x");
        assertThrows(ConnectException.class, () -> new JdbcSinkConnector().validate(kv));
    }
}
