package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.FieldType;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.data.logical.Date;
import io.openmessaging.connector.api.data.logical.Time;
import io.openmessaging.connector.api.data.logical.Timestamp;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigException;
import org.junit.jupiter.api.Test;

import static io.openmessaging.omsconnect.transforms.Fixtures.config;
import static io.openmessaging.omsconnect.transforms.Fixtures.map;
import static io.openmessaging.omsconnect.transforms.Fixtures.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimestampConverterTest {
    // 2023-11-14T22:13:20.123Z
    private static final long MILLIS = 1_700_000_000_123L;
    private static final long MIDNIGHT = 1_699_920_000_000L;
    private static final String TEXT = "2023-11-14 22:13:20.123";
    private static final String PATTERN = "yyyy-MM-dd HH:mm:ss.SSS";

    @Test
    void convertsSchemalessWholeValuesBetweenEveryType() {
        assertEquals(TEXT, convert("string", MILLIS, "format", PATTERN));
        assertEquals(MILLIS, convert("unix", TEXT, "format", PATTERN));
        assertEquals(new java.util.Date(MILLIS), convert("Timestamp", MILLIS));
        assertEquals(new java.util.Date(MIDNIGHT), convert("Date", new java.util.Date(MILLIS)));
        assertEquals(new java.util.Date(MILLIS - MIDNIGHT), convert("Time", MILLIS));
        assertEquals(MILLIS, convert("unix", new java.util.Date(MILLIS)));
    }

    @Test
    void unixPrecisionReadsAndWritesTheUnit() {
        assertEquals(MILLIS / 1000, convert("unix", new java.util.Date(MILLIS), "unix.precision", "seconds"));
        assertEquals(MILLIS * 1000, convert("unix", new java.util.Date(MILLIS), "unix.precision", "microseconds"));
        assertEquals(MILLIS * 1_000_000, convert("unix", new java.util.Date(MILLIS), "unix.precision", "nanoseconds"));
        assertEquals(new java.util.Date(1_700_000_000_000L), convert("Timestamp", 1_700_000_000L, "unix.precision", "seconds"));
        assertEquals(new java.util.Date(MILLIS), convert("Timestamp", MILLIS * 1_000_000, "unix.precision", "nanoseconds"));
    }

    private static Object convert(String target, Object value, String... more) {
        String[] config = new String[more.length + 2];
        config[0] = "target.type";
        config[1] = target;
        System.arraycopy(more, 0, config, 2, more.length);
        return started(new TimestampConverter.Value(), config).doTransform(Fixtures.value(null, value)).getData();
    }

    @Test
    void convertsOneFieldOfASchemalessValue() {
        ConnectRecord out = started(new TimestampConverter.Value(), "field", "at", "target.type", "string", "format", PATTERN)
                .doTransform(Fixtures.value(null, map("id", 1, "at", MILLIS)));

        assertEquals(map("id", 1, "at", TEXT), out.getData());
        assertEquals(map("id", 1), started(new TimestampConverter.Value(), "field", "at", "target.type", "unix")
                .doTransform(Fixtures.value(null, map("id", 1))).getData(), "a missing field is not added");
    }

    @Test
    void convertsAWholeValueWithSchema() {
        ConnectRecord out = started(new TimestampConverter.Value(), "target.type", "Timestamp", "format", PATTERN)
                .doTransform(Fixtures.value(SchemaBuilder.string().required().build(), TEXT));

        assertEquals(Timestamp.LOGICAL_NAME, out.getSchema().getName());
        assertFalse(out.getSchema().isOptional());
        assertEquals(new java.util.Date(MILLIS), out.getData());

        ConnectRecord time = started(new TimestampConverter.Value(), "target.type", "Time")
                .doTransform(Fixtures.value(Timestamp.builder().build(), new java.util.Date(MILLIS)));
        assertEquals(Time.LOGICAL_NAME, time.getSchema().getName());
        assertEquals(new java.util.Date(MILLIS - MIDNIGHT), time.getData());
    }

    @Test
    void convertsOneFieldOfAStruct() {
        Schema schema = SchemaBuilder.struct().name("event")
                .field("id", SchemaBuilder.int32().build())
                .field("at", Timestamp.builder().required().build())
                .build();
        Struct value = new Struct(schema).put("id", 4).put("at", new java.util.Date(MILLIS));

        ConnectRecord out = started(new TimestampConverter.Value(), "field", "at", "target.type", "unix")
                .doTransform(Fixtures.value(schema, value));

        assertEquals("event", out.getSchema().getName());
        assertEquals(FieldType.INT64, out.getSchema().getField("at").getSchema().getFieldType());
        assertFalse(out.getSchema().getField("at").getSchema().isOptional());
        assertEquals(MILLIS, ((Struct) out.getData()).get("at"));
        assertEquals(4, ((Struct) out.getData()).get("id"));

        ConnectRecord date = started(new TimestampConverter.Value(), "field", "at", "target.type", "Date")
                .doTransform(Fixtures.value(schema, value));
        assertEquals(Date.LOGICAL_NAME, date.getSchema().getField("at").getSchema().getName());
        assertEquals(new java.util.Date(MIDNIGHT), ((Struct) date.getData()).get("at"));
    }

    @Test
    void aNullStructKeepsTheConvertedSchema() {
        Schema schema = SchemaBuilder.struct().field("at", SchemaBuilder.int64().build()).build();

        ConnectRecord out = started(new TimestampConverter.Value(), "field", "at", "target.type", "Timestamp")
                .doTransform(Fixtures.value(schema, null));

        assertNull(out.getData());
        assertEquals(Timestamp.LOGICAL_NAME, out.getSchema().getField("at").getSchema().getName());
    }

    @Test
    void convertsTheKey() {
        ConnectRecord out = started(new TimestampConverter.Key(), "target.type", "string", "format", "yyyy")
                .doTransform(Fixtures.record(SchemaBuilder.int64().build(), MILLIS, null, "v"));

        assertEquals("2023", out.getKey());
        assertEquals(FieldType.STRING, out.getKeySchema().getFieldType());
        assertEquals("v", out.getData());
        assertEquals(map("at", "2023"), started(new TimestampConverter.Key(), "field", "at", "target.type", "string",
                "format", "yyyy").doTransform(Fixtures.key(null, map("at", MILLIS))).getKey());
    }

    @Test
    void unreadableTimestampsFailNamingTheField() {
        ConnectException text = assertThrows(ConnectException.class, () -> started(new TimestampConverter.Value(),
                "field", "at", "target.type", "unix", "format", PATTERN).doTransform(Fixtures.value(null, map("at", "yesterday"))));
        assertTrue(text.getMessage().startsWith("TimestampConverter$Value: field \"at\""), text.getMessage());

        ConnectException noFormat = assertThrows(ConnectException.class, () -> started(new TimestampConverter.Value(),
                "target.type", "unix").doTransform(Fixtures.value(null, TEXT)));
        assertTrue(noFormat.getMessage().contains("format"), noFormat.getMessage());

        assertThrows(ConnectException.class, () -> started(new TimestampConverter.Value(), "target.type", "unix")
                .doTransform(Fixtures.value(null, 12)));
        assertThrows(ConnectException.class, () -> started(new TimestampConverter.Value(), "target.type", "unix")
                .doTransform(Fixtures.value(SchemaBuilder.bool().build(), true)));
    }

    @Test
    void badConfigsAreRefusedNamingTheKey() {
        assertEquals("target.type", refused());
        assertEquals("target.type", refused("target.type", "date"));
        assertEquals("format", refused("target.type", "string"));
        assertEquals("format", refused("target.type", "unix", "format", "yyyy-qq"));
        assertEquals("unix.precision", refused("target.type", "unix", "unix.precision", "hours"));
    }

    private static String refused(String... keysAndValues) {
        return assertThrows(ConfigException.class, () -> new TimestampConverter.Value().validate(config(keysAndValues))).key();
    }

    @Test
    void aliases() {
        assertEquals("org.apache.kafka.connect.transforms.TimestampConverter$Value",
                TimestampConverter.Value.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.TimestampConverter$Key",
                TimestampConverter.Key.class.getAnnotation(Aliases.class).value()[0]);
    }
}
