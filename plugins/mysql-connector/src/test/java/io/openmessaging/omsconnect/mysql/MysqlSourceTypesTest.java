package io.openmessaging.omsconnect.mysql;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.FieldType;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.data.logical.Decimal;
import io.openmessaging.connector.api.data.logical.Timestamp;
import io.openmessaging.omsconnect.mysql.schema.TemporalNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every listed MariaDB type arrives as the Connect schema and value the mapping table promises, NULLs too. */
class MysqlSourceTypesTest {

    static EmbeddedMariaDb db;

    @BeforeAll
    static void server() throws Exception {
        db = EmbeddedMariaDb.get();
        db.exec("CREATE DATABASE IF NOT EXISTS types_db",
                "DROP TABLE IF EXISTS types_db.t",
                "CREATE TABLE types_db.t (id INT PRIMARY KEY,"
                        + " ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT, miu MEDIUMINT UNSIGNED,"
                        + " i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,"
                        + " d DECIMAL(12,4), f FLOAT, db DOUBLE,"
                        + " dt DATE, tm TIME(6), dtm DATETIME(6), dtm0 DATETIME, ts TIMESTAMP(6) NULL, tsm TIMESTAMP(3) NULL,"
                        + " c CHAR(5), vc VARCHAR(50) CHARACTER SET utf8mb4, tx TEXT CHARACTER SET utf8mb4, l1 VARCHAR(10) CHARACTER SET latin1,"
                        + " bl BLOB, bn BINARY(4), vb VARBINARY(8), b1 BIT(1), b12 BIT(12),"
                        + " e ENUM('red','green','it''s'), st SET('a','b','c'), j JSON, y YEAR)");
    }

    @Test
    void everyTypeAndNull() throws Exception {
        try (RunningSource src = new RunningSource(db.sourceConfig("types_db.t"))) {
            db.exec("SET time_zone = '+00:00'",
                    "INSERT INTO types_db.t VALUES (1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295,"
                            + " -9223372036854775808, 18446744073709551615, -12345678.1234, 1.5, 2.25,"
                            + " '2024-02-29', '25:02:03.000004', '2024-02-29 23:59:58.123456', '1969-12-31 23:59:59',"
                            + " '2024-01-02 03:04:05.654321', '2024-01-02 03:04:05.789',"
                            + " 'ab', 'héllo 😀 wörld', 'long 文字 text 🚀', 'caf\u00e9',"
                            + " x'00FF10', x'0102', x'A0B0', b'1', b'101010101010',"
                            + " 'it''s', 'a,c', '{\"k\": [1, 2]}', 2155)");
            db.exec("INSERT INTO types_db.t (id) VALUES (2)");
            db.exec("INSERT INTO types_db.t (id, tm) VALUES (3, '-01:02:03.000004'), (4, '-838:59:59'), (5, '00:00:00.5'),"
                    + " (6, '-00:00:00.000001')");
            List<ConnectRecord> recs = src.take(6);
            assertEquals(-(3723 * 1_000_000L + 4), time(recs.get(2)));
            assertEquals(-(838 * 3600 + 59 * 60 + 59) * 1_000_000L, time(recs.get(3)));
            assertEquals(500_000L, time(recs.get(4)));
            assertEquals(-1L, time(recs.get(5)));
            Struct after = ((Struct) recs.get(0).getData()).getStruct("after");
            Schema s = after.schema();
            assertEquals((byte) -128, after.get("ti"));
            assertEquals((short) 255, after.get("tiu"));
            assertEquals((short) -32768, after.get("si"));
            assertEquals(65535, after.get("siu"));
            assertEquals(-8388608, after.get("mi"));
            assertEquals(16777215, after.get("miu"));
            assertEquals(Integer.MIN_VALUE, after.get("i"));
            assertEquals(4294967295L, after.get("iu"));
            assertEquals(Long.MIN_VALUE, after.get("bi"));
            assertEquals(new BigDecimal("18446744073709551615"), after.get("biu"));
            assertEquals(Decimal.LOGICAL_NAME, s.getField("biu").getSchema().getName());
            assertEquals(new BigDecimal("-12345678.1234"), after.get("d"));
            assertEquals("4", s.getField("d").getSchema().getParameters().get("scale"));
            assertEquals("12", s.getField("d").getSchema().getParameters().get(TemporalNames.DECIMAL_PRECISION));
            assertEquals(1.5f, after.get("f"));
            assertEquals(2.25d, after.get("db"));
            assertEquals(LocalDate.of(2024, 2, 29).atStartOfDay(ZoneOffset.UTC).toInstant(), ((java.util.Date) after.get("dt")).toInstant());
            assertEquals(TemporalNames.MICRO_TIME, s.getField("tm").getSchema().getName());
            assertEquals((25 * 3600 + 2 * 60 + 3) * 1_000_000L + 4, after.get("tm"), "TIME beyond a day, in micros");
            assertEquals(TemporalNames.MICRO_TIMESTAMP, s.getField("dtm").getSchema().getName());
            assertEquals(micros(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000)), after.get("dtm"));
            assertEquals(Timestamp.LOGICAL_NAME, s.getField("dtm0").getSchema().getName());
            assertEquals(Instant.parse("1969-12-31T23:59:59Z"), ((java.util.Date) after.get("dtm0")).toInstant());
            assertEquals(micros(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 654_321_000)), after.get("ts"));
            assertEquals(Instant.parse("2024-01-02T03:04:05.789Z"), ((java.util.Date) after.get("tsm")).toInstant());
            assertEquals("ab", after.get("c"));
            assertEquals("héllo 😀 wörld", after.get("vc"));
            assertEquals("long 文字 text 🚀", after.get("tx"));
            assertEquals("café", after.get("l1"));
            assertArrayEquals(new byte[] {0, (byte) 0xFF, 0x10}, (byte[]) after.get("bl"));
            assertArrayEquals(new byte[] {1, 2, 0, 0}, (byte[]) after.get("bn"));
            assertArrayEquals(new byte[] {(byte) 0xA0, (byte) 0xB0}, (byte[]) after.get("vb"));
            assertEquals(true, after.get("b1"));
            assertArrayEquals(new byte[] {0x0A, (byte) 0xAA}, (byte[]) after.get("b12"));
            assertEquals("it's", after.get("e"));
            assertEquals("a,c", after.get("st"));
            assertTrue(after.get("j").toString().contains("\"k\""));
            assertEquals(2155, after.get("y"));
            assertEquals(FieldType.STRING, s.getField("j").getSchema().getFieldType());

            Struct nulls = ((Struct) recs.get(1).getData()).getStruct("after");
            for (var f : nulls.schema().getFields()) {
                if (!f.getName().equals("id")) {
                    assertNull(nulls.get(f.getName()), f.getName());
                    assertTrue(f.getSchema().isOptional(), f.getName());
                }
            }
            assertEquals(2, nulls.get("id"));
            assertEquals(new String("héllo 😀 wörld".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), after.get("vc"));
        }
    }

    static Object time(ConnectRecord r) {
        return ((Struct) r.getData()).getStruct("after").get("tm");
    }

    static long micros(LocalDateTime t) {
        Instant i = t.toInstant(ZoneOffset.UTC);
        return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
    }
}
