package io.openmessaging.omsconnect.convert;

import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaAndValue;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.data.logical.Date;
import io.openmessaging.connector.api.data.logical.Decimal;
import io.openmessaging.connector.api.data.logical.Timestamp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A row change shaped like the mysql source's (key Struct, op/before/after envelope, one column per type of
 * its mapping table) survives the worker's JSON converter: same schema names and parameters, same Java values,
 * extremes included (pre-1970 and microsecond temporals, 20-digit unsigned BIGINT, decimal scale, emoji, bytes).
 */
class ChangeEnvelopeJsonTest {
    private static final String MICRO_TIMESTAMP = "io.openmessaging.omsconnect.data.MicroTimestamp";
    private static final String MICRO_TIME = "io.openmessaging.omsconnect.data.MicroTime";
    private static final String PRECISION = "connect.decimal.precision";

    private final JsonRecordConverter converter = new JsonRecordConverter();

    private static final Schema ROW = SchemaBuilder.struct().name("db.t.Value")
            .field("id", SchemaBuilder.int64().parameter("source.column.type", "bigint(20)").build())
            .field("ti", SchemaBuilder.int8().optional().build())
            .field("su", SchemaBuilder.int32().optional().build())
            .field("ubig", Decimal.builder(0).parameter(PRECISION, "20").optional().build())
            .field("amount", Decimal.builder(6).parameter(PRECISION, "18").optional().build())
            .field("fl", SchemaBuilder.float32().optional().build())
            .field("dbl", SchemaBuilder.float64().optional().build())
            .field("flag", SchemaBuilder.bool().optional().build())
            .field("d", Date.builder().optional().build())
            .field("tm", SchemaBuilder.int64().name(MICRO_TIME).optional().build())
            .field("dt3", Timestamp.builder().optional().build())
            .field("dtm", SchemaBuilder.int64().name(MICRO_TIMESTAMP).optional().build())
            .field("name", SchemaBuilder.string().parameter("source.column.length", "100").optional().build())
            .field("payload", SchemaBuilder.bytes().optional().build())
            .build();
    private static final Schema KEY = SchemaBuilder.struct().name("db.t.Key")
            .field("id", SchemaBuilder.int64().build()).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("db.t.Envelope")
            .field("op", SchemaBuilder.string().build())
            .field("database", SchemaBuilder.string().build())
            .field("table", SchemaBuilder.string().build())
            .field("before", optional(ROW))
            .field("after", optional(ROW))
            .field("ts_ms", SchemaBuilder.int64().build())
            .build();

    private static Schema optional(Schema struct) {
        SchemaBuilder b = SchemaBuilder.struct().name(struct.getName()).optional();
        struct.getFields().forEach(f -> b.field(f.getName(), f.getSchema()));
        return b.build();
    }

    @Test
    void everyColumnTypeOfAChangeRoundTrips() {
        Struct after = new Struct(ENVELOPE.getField("after").getSchema());
        after.put("id", Long.MIN_VALUE);
        after.put("ti", (byte) -128);
        after.put("su", 65535);
        after.put("ubig", new BigDecimal("18446744073709551615"));
        after.put("amount", new BigDecimal("-0.000100"));
        after.put("fl", 3.4028235e38f);
        after.put("dbl", 1.2345678901234567e-300);
        after.put("flag", true);
        after.put("d", java.util.Date.from(LocalDate.of(1950, 3, 4).atStartOfDay(ZoneOffset.UTC).toInstant()));
        after.put("tm", -(838L * 3600 + 59 * 60 + 59) * 1_000_000 - 999_999);
        after.put("dt3", java.util.Date.from(Instant.parse("1901-12-13T20:45:52.123Z")));
        after.put("dtm", Instant.parse("1900-01-01T00:00:00.000001Z").getEpochSecond() * 1_000_000 + 1);
        after.put("name", "name é 😀 中文 \"q\" \\");
        after.put("payload", new byte[]{0, (byte) 0xff, 0x7f, (byte) 0x80});
        Struct change = change("c", null, after, 1_764_000_000_000L);

        SchemaAndValue back = converter.toConnectData("t", converter.fromConnectData("t", ENVELOPE, change));

        assertSchemaEquals(ENVELOPE, back.schema());
        Struct got = (Struct) back.value();
        assertNull(got.get("before"));
        assertEquals("c", got.get("op"));
        assertEquals(1_764_000_000_000L, got.get("ts_ms"));
        Struct row = (Struct) got.get("after");
        for (Field f : ROW.getFields()) {
            Object expected = after.get(f.getName());
            Object actual = row.get(f.getName());
            if (expected instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) actual, f.getName());
            } else {
                assertEquals(expected, actual, f.getName());
                assertEquals(expected.getClass(), actual.getClass(), f.getName());
            }
        }
        assertEquals(6, ((BigDecimal) row.get("amount")).scale(), "decimal keeps its scale");
    }

    @Test
    void nullsAndTheKeyRoundTrip() {
        Struct before = new Struct(ENVELOPE.getField("before").getSchema());
        before.put("id", 7L);
        Struct change = change("d", before, null, 0L);
        Struct row = (Struct) ((Struct) converter.toConnectData("t", converter.fromConnectData("t", ENVELOPE, change))
                .value()).get("before");
        for (Field f : ROW.getFields()) {
            if (!f.getName().equals("id")) {
                assertNull(row.get(f.getName()), f.getName());
            }
        }
        Struct key = new Struct(KEY);
        key.put("id", 7L);
        SchemaAndValue k = converter.toConnectData("t", converter.fromConnectData("t", KEY, key));
        assertSchemaEquals(KEY, k.schema());
        assertEquals(7L, ((Struct) k.value()).get("id"));
    }

    @Test
    void microTemporalsTravelAsExactIntegers() {
        long micros = 253_402_300_799_999_999L; // 9999-12-31T23:59:59.999999Z
        Schema s = SchemaBuilder.int64().name(MICRO_TIMESTAMP).build();
        String json = new String(converter.fromConnectData("t", s, micros), StandardCharsets.UTF_8);
        assertEquals(true, json.contains("\"payload\":253402300799999999"), json);
        SchemaAndValue back = converter.toConnectData("t", json.getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(Long.class, back.value());
        assertEquals(micros, back.value());
        assertEquals(MICRO_TIMESTAMP, back.schema().getName());
    }

    private static Struct change(String op, Struct before, Struct after, long tsMs) {
        Struct change = new Struct(ENVELOPE);
        change.put("op", op);
        change.put("database", "db");
        change.put("table", "t");
        change.put("before", before);
        change.put("after", after);
        change.put("ts_ms", tsMs);
        return change;
    }

    private static void assertSchemaEquals(Schema expected, Schema actual) {
        assertEquals(expected.getFieldType(), actual.getFieldType());
        assertEquals(expected.getName(), actual.getName());
        assertEquals(expected.isOptional(), actual.isOptional(), expected.getName());
        assertEquals(expected.getParameters() == null || expected.getParameters().isEmpty() ? null : expected.getParameters(),
                actual.getParameters() == null || actual.getParameters().isEmpty() ? null : actual.getParameters(), expected.getName());
        if (expected.getFields() != null) {
            assertEquals(expected.getFields().size(), actual.getFields().size());
            for (int i = 0; i < expected.getFields().size(); i++) {
                assertEquals(expected.getFields().get(i).getName(), actual.getFields().get(i).getName());
                assertSchemaEquals(expected.getFields().get(i).getSchema(), actual.getFields().get(i).getSchema());
            }
        }
    }
}
