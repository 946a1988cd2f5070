package io.openmessaging.omsconnect.convert;

import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaAndValue;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.data.logical.Decimal;
import io.openmessaging.connector.api.data.logical.Timestamp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonRecordConverterTest {
    private final JsonRecordConverter converter = new JsonRecordConverter();

    @Test
    void stringRoundTripKeepsTextAndSchema() {
        Schema schema = SchemaBuilder.string().build();
        String line = "héllo \"quoted\" \\ 😀 tab\t";
        SchemaAndValue back = converter.toConnectData("t", converter.fromConnectData("t", schema, line));
        assertEquals(line, back.value());
        assertEquals(schema.getFieldType(), back.schema().getFieldType());
    }

    @Test
    void structWithEveryTypeRoundTrips() {
        Schema schema = SchemaBuilder.struct().name("row")
                .field("i8", SchemaBuilder.int8().build())
                .field("i16", SchemaBuilder.int16().build())
                .field("i32", SchemaBuilder.int32().build())
                .field("i64", SchemaBuilder.int64().build())
                .field("f32", SchemaBuilder.float32().build())
                .field("f64", SchemaBuilder.float64().build())
                .field("b", SchemaBuilder.bool().build())
                .field("s", SchemaBuilder.string().optional().build())
                .field("bytes", SchemaBuilder.bytes().build())
                .field("dec", Decimal.schema(3))
                .field("ts", Timestamp.SCHEMA)
                .field("arr", SchemaBuilder.array(SchemaBuilder.string().build()).build())
                .field("map", SchemaBuilder.map(SchemaBuilder.string().build(), SchemaBuilder.int64().build()).build())
                .build();
        Struct s = new Struct(schema);
        s.put("i8", (byte) -3);
        s.put("i16", (short) 300);
        s.put("i32", 70000);
        s.put("i64", Long.MAX_VALUE);
        s.put("f32", 1.5f);
        s.put("f64", Math.PI);
        s.put("b", true);
        s.put("s", null);
        s.put("bytes", new byte[]{0, 1, (byte) 255});
        s.put("dec", new BigDecimal("12345.678"));
        s.put("ts", new Date(1_700_000_000_123L));
        s.put("arr", List.of("a", "b"));
        s.put("map", Map.of("k", 5L));

        SchemaAndValue back = converter.toConnectData("t", converter.fromConnectData("t", schema, s));
        Struct r = (Struct) back.value();
        assertEquals((byte) -3, r.get("i8"));
        assertEquals((short) 300, r.get("i16"));
        assertEquals(70000, r.get("i32"));
        assertEquals(Long.MAX_VALUE, r.get("i64"));
        assertEquals(1.5f, r.get("f32"));
        assertEquals(Math.PI, r.get("f64"));
        assertEquals(true, r.get("b"));
        assertNull(r.get("s"));
        assertArrayEquals(new byte[]{0, 1, (byte) 255}, (byte[]) r.get("bytes"));
        assertEquals(new BigDecimal("12345.678"), r.get("dec"));
        assertEquals(new Date(1_700_000_000_123L), r.get("ts"));
        assertEquals(List.of("a", "b"), r.get("arr"));
        assertEquals(Map.of("k", 5L), r.get("map"));
        assertEquals("row", back.schema().getName());
        assertEquals("3", back.schema().getField("dec").getSchema().getParameters().get(Decimal.SCALE_FIELD));
    }

    @Test
    void schemalessPayloadPassesThrough() {
        converter.configure(Map.of("schemas.enable", "false"));
        byte[] bytes = converter.fromConnectData("t", null, Map.of("a", 1));
        assertEquals("{\"a\":1}", new String(bytes, StandardCharsets.UTF_8));
        SchemaAndValue back = converter.toConnectData("t", bytes);
        assertNull(back.schema());
        assertEquals(1, ((Map<?, ?>) back.value()).get("a"));
    }

    @Test
    void manyRecordsOfOneSchemaAndThenAnotherAllComeBackRight() {
        Schema a = SchemaBuilder.string().build();
        Schema b = SchemaBuilder.struct().field("n", SchemaBuilder.int64().build()).build();
        for (int i = 0; i < 3; i++) {
            assertEquals("v" + i, converter.toConnectData("t", converter.fromConnectData("t", a, "v" + i)).value());
        }
        Struct s = new Struct(b);
        s.put("n", 7L);
        SchemaAndValue back = converter.toConnectData("t", converter.fromConnectData("t", b, s));
        assertEquals(7L, ((Struct) back.value()).get("n"));
        assertEquals("again", converter.toConnectData("t", converter.fromConnectData("t", a, "again")).value());
        // a damaged payload after a cached schema is still an error, not a wrong value
        byte[] good = converter.fromConnectData("t", a, "x");
        byte[] bad = java.util.Arrays.copyOf(good, good.length);
        bad[bad.length - 3] = '\\';
        assertThrows(ConversionException.class, () -> converter.toConnectData("t", bad));
    }

    @Test
    void aSchemaChangedInPlaceIsWrittenAnew() {
        Schema schema = SchemaBuilder.struct().name("v1").field("a", SchemaBuilder.int32().build()).build();
        Struct first = new Struct(schema);
        first.put("a", 1);
        assertEquals("v1", converter.toConnectData("t", converter.fromConnectData("t", schema, first)).schema().getName());
        schema.setName("v2"); // the API's Schema has setters: same object, other schema
        schema.setVersion(2);
        Struct second = new Struct(schema);
        second.put("a", 2);
        SchemaAndValue back = converter.toConnectData("t", converter.fromConnectData("t", schema, second));
        assertEquals("v2", back.schema().getName());
        assertEquals(2, back.schema().getVersion());
        assertEquals(2, ((Struct) back.value()).get("a"));
    }

    @Test
    void inBatchesASchemaChangedInPlaceIsNoticedAtTheNextBatch() {
        Schema schema = SchemaBuilder.struct().name("v1").field("a", SchemaBuilder.int32().build()).build();
        Struct record = new Struct(schema);
        record.put("a", 1);
        converter.newBatch();
        assertEquals("v1", converter.toConnectData("t", converter.fromConnectData("t", schema, record)).schema().getName());
        assertEquals("v1", converter.toConnectData("t", converter.fromConnectData("t", schema, record)).schema().getName());
        schema.setName("v2"); // between batches, as a source task builds its next poll
        converter.newBatch();
        assertEquals("v2", converter.toConnectData("t", converter.fromConnectData("t", schema, record)).schema().getName());
    }

    @Test
    void plainAndEscapedStringsTakeTheirOwnPathsAndComeBackTheSame() {
        Schema schema = SchemaBuilder.string().build();
        converter.newBatch();
        List<String> lines = List.of("", "plain ascii line 0123456789", "quote \" inside", "back\\slash", "tab\tand\nnewline",
                "del \u007f", "unicode é ü 中 😀", "eight+ bytes then a control\u001f", "01234567\u0001", "\u00010123456789", "{\"json\":\"looking\"}", "ends with quote\"", "\u0000nul");
        for (String line : lines) {
            byte[] json = converter.fromConnectData("t", schema, line);
            assertEquals(line, com.alibaba.fastjson2.JSON.parseObject(new String(json, StandardCharsets.UTF_8)).getString("payload"),
                    "valid JSON for " + line);
            assertEquals(line, converter.toConnectData("t", json).value(), "round trip of " + line);
        }
        JsonRecordConverter schemaless = new JsonRecordConverter();
        schemaless.configure(Map.of("schemas.enable", "false"));
        for (String line : lines) {
            byte[] json = schemaless.fromConnectData("t", null, line);
            assertEquals(line, com.alibaba.fastjson2.JSON.parse(new String(json, StandardCharsets.UTF_8)));
            assertEquals(line, schemaless.toConnectData("t", json).value());
        }
        // every special character at every place of the 8-byte words the scans read, and next to them
        String[] specials = {"\"", "\\", "\u0000", "\u001f", "\u007f", "\u0080", "é", "\u00ff", "\u0100", "\u2222", "\u225c", "中", "😀", "\n"};
        for (String special : specials) {
            for (int length = 0; length <= 18; length++) {
                for (int at = 0; at <= length; at++) {
                    String line = "a".repeat(at) + special + "b".repeat(length - at);
                    byte[] json = converter.fromConnectData("t", schema, line);
                    assertEquals(line, com.alibaba.fastjson2.JSON.parseObject(new String(json, StandardCharsets.UTF_8)).getString("payload"),
                            "valid JSON for " + line);
                    assertEquals(line, converter.toConnectData("t", json).value(), "round trip of " + line);
                }
            }
        }
        // a payload that merely looks like a plain string but is not one is parsed, not cut
        assertEquals("a", schemaless.toConnectData("t", "\"a\"".getBytes(StandardCharsets.UTF_8)).value());
        assertThrows(ConversionException.class, () -> schemaless.toConnectData("t", "\"a\" \"b\"".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void notJsonIsAConversionErrorNamingTheTopic() {
        ConversionException e = assertThrows(ConversionException.class,
                () -> converter.toConnectData("orders", "{not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, e.getMessage().contains("orders"));
    }

    @Test
    void jsonWithoutEnvelopeIsRefusedWhenSchemasAreOn() {
        assertThrows(ConversionException.class,
                () -> converter.toConnectData("t", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void autoTypeIsNeverHonoured() {
        byte[] evil = "{\"schema\":null,\"payload\":{\"@type\":\"java.net.URL\",\"val\":\"http://x\"}}"
                .getBytes(StandardCharsets.UTF_8);
        Object value = converter.toConnectData("t", evil).value();
        assertEquals(true, value instanceof Map, "a plain JSON object, never an instance of the named class");
    }
}
