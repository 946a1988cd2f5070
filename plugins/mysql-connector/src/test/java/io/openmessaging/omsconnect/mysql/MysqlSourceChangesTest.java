package io.openmessaging.omsconnect.mysql;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Struct;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Envelopes for insert/update/delete, restart from a committed offset inside a multi-row event, DDL refresh. */
class MysqlSourceChangesTest {

    static EmbeddedMariaDb db;

    @BeforeAll
    static void server() throws Exception {
        db = EmbeddedMariaDb.get();
        db.exec("CREATE DATABASE IF NOT EXISTS chg");
    }

    @Test
    void insertUpdateDeleteEnvelopes() throws Exception {
        db.exec("DROP TABLE IF EXISTS chg.env", "CREATE TABLE chg.env (id INT PRIMARY KEY, v VARCHAR(20))",
                "CREATE TABLE IF NOT EXISTS chg.other (id INT PRIMARY KEY)");
        var cfg = db.sourceConfig("chg.env");
        cfg.put(MysqlSourceConfig.TOPIC_PREFIX, "pre_");
        try (RunningSource src = new RunningSource(cfg)) {
            db.exec("INSERT INTO chg.other VALUES (1)", "INSERT INTO chg.env VALUES (1, 'a')", "UPDATE chg.env SET v = 'b' WHERE id = 1",
                    "DELETE FROM chg.env WHERE id = 1");
            List<ConnectRecord> recs = src.take(3);
            assertEquals(3, recs.size(), "chg.other is not included");
            Struct c = (Struct) recs.get(0).getData();
            Struct u = (Struct) recs.get(1).getData();
            Struct d = (Struct) recs.get(2).getData();
            assertEquals("c", c.get("op"));
            assertNull(c.get("before"));
            assertEquals("a", c.getStruct("after").get("v"));
            assertEquals("chg", c.get("database"));
            assertEquals("env", c.get("table"));
            assertNotNull(c.get("ts_ms"));
            assertEquals("u", u.get("op"));
            assertEquals("a", u.getStruct("before").get("v"));
            assertEquals("b", u.getStruct("after").get("v"));
            assertEquals("d", d.get("op"));
            assertEquals("b", d.getStruct("before").get("v"));
            assertNull(d.get("after"));
            for (ConnectRecord r : recs) {
                assertEquals("pre_env", r.getExtension("topic"));
                assertEquals(1, ((Struct) r.getKey()).get("id"));
                assertEquals(List.of("id"), r.getKeySchema().getFields().stream().map(f -> f.getName()).toList());
            }
        }
    }

    @Test
    void restartInsideMultiRowEventEmitsNothingTwiceAndLosesNothing() throws Exception {
        db.exec("DROP TABLE IF EXISTS chg.rs", "CREATE TABLE chg.rs (id INT PRIMARY KEY, v VARCHAR(20))");
        Map<io.openmessaging.connector.api.data.RecordPartition, io.openmessaging.connector.api.data.RecordOffset> offsets = new HashMap<>();
        List<Integer> delivered = new ArrayList<>();
        try (RunningSource src = new RunningSource(db.sourceConfig("chg.rs"), offsets)) {
            // one transaction, two statements of 50 rows: two multi-row events after one boundary
            try (var c = db.connect(); var s = c.createStatement()) {
                c.setAutoCommit(false);
                s.executeUpdate("INSERT INTO chg.rs SELECT seq, 'x' FROM chg.seq_1_to_50");
                s.executeUpdate("INSERT INTO chg.rs SELECT seq, 'y' FROM chg.seq_51_to_100");
                c.commit();
            }
            List<ConnectRecord> recs = src.take(100);
            Map<String, ?> offset70 = recs.get(69).getPosition().getOffset().getOffset();
            assertEquals(1, ((Number) offset70.get("event")).intValue(), "second rows event of the transaction");
            assertEquals(19, ((Number) offset70.get("row")).intValue(), "20th row of that event");
            for (int i = 0; i < 70; i++) {
                delivered.add((Integer) ((Struct) ((Struct) recs.get(i).getData()).get("after")).get("id"));
            }
            src.commit(recs.get(69));
        }
        db.exec("INSERT INTO chg.rs SELECT seq, 'z' FROM chg.seq_101_to_110");
        try (RunningSource src = new RunningSource(db.sourceConfig("chg.rs"), offsets)) {
            for (ConnectRecord r : src.take(40)) {
                delivered.add((Integer) ((Struct) ((Struct) r.getData()).get("after")).get("id"));
            }
            assertEquals(List.of(), src.drain(500), "nothing after the last row");
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 110; i++) {
            expected.add(i);
        }
        assertEquals(expected, delivered);
    }

    @Test
    void ddlRefreshesTheRowSchema() throws Exception {
        db.exec("DROP TABLE IF EXISTS chg.ddl", "CREATE TABLE chg.ddl (id INT PRIMARY KEY, a INT)");
        try (RunningSource src = new RunningSource(db.sourceConfig("chg.ddl"))) {
            db.exec("INSERT INTO chg.ddl VALUES (1, 10)",
                    "ALTER TABLE chg.ddl ADD COLUMN b VARCHAR(10) CHARACTER SET utf8mb4, MODIFY a BIGINT",
                    "INSERT INTO chg.ddl VALUES (2, 20, 'new 😀')");
            List<ConnectRecord> recs = src.take(2);
            Struct first = ((Struct) recs.get(0).getData()).getStruct("after");
            Struct second = ((Struct) recs.get(1).getData()).getStruct("after");
            assertEquals(10, first.get("a"));
            assertNull(first.schema().getField("b"));
            assertEquals(20L, second.get("a"));
            assertEquals("new 😀", second.get("b"));
            assertTrue(second.schema().getField("b").getSchema().isOptional());
        }
    }
}
