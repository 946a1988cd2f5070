package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.FieldType;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPosition;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.data.logical.Timestamp;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.Map;

import static io.openmessaging.omsconnect.transforms.Fixtures.TIMESTAMP;
import static io.openmessaging.omsconnect.transforms.Fixtures.config;
import static io.openmessaging.omsconnect.transforms.Fixtures.extensions;
import static io.openmessaging.omsconnect.transforms.Fixtures.map;
import static io.openmessaging.omsconnect.transforms.Fixtures.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InsertFieldTest {
    private static final String[] ALL = {
            "topic.field", "topic", "partition.field", "partition!", "offset.field", "offset?",
            "timestamp.field", "ts", "static.field", "source", "static.value", "erp"};

    private static Schema valueSchema() {
        return SchemaBuilder.struct().name("order").version(3).required()
                .field("id", SchemaBuilder.int64().required().build())
                .field("note", SchemaBuilder.string().optional().defaultValue("none").build())
                .build();
    }

    private static Struct orderValue() {
        return new Struct(valueSchema()).put("id", 7L);
    }

    @Test
    void insertsEveryFieldIntoASchemalessValue() {
        Map<String, Object> value = map("id", 7L);
        ConnectRecord in = Fixtures.value(null, value);

        ConnectRecord out = started(new InsertField.Value(), ALL).doTransform(in);

        assertEquals(map("id", 7L, "topic", "orders", "partition", "{brokerName=local, queueId=0, topic=orders}", "offset", 42L,
                "ts", TIMESTAMP, "source", "erp"), out.getData());
        assertNull(out.getSchema());
        assertEquals(map("id", 7L), value, "the input value is not changed");
        assertNotSame(in, out);
        assertEquals(in.getPosition(), out.getPosition());
        assertEquals(TIMESTAMP, out.getTimestamp());
        assertEquals(extensions(in), extensions(out));
    }

    @Test
    void insertsEveryFieldIntoAStructWithSchemasForEach() {
        ConnectRecord in = Fixtures.value(valueSchema(), orderValue());

        ConnectRecord out = started(new InsertField.Value(), ALL).doTransform(in);

        Schema schema = out.getSchema();
        assertEquals("order", schema.getName());
        assertEquals(3, schema.getVersion());
        assertFalse(schema.isOptional(), "the struct keeps its optionality");
        assertEquals(FieldType.STRING, schema.getField("topic").getSchema().getFieldType());
        assertTrue(schema.getField("topic").getSchema().isOptional());
        assertFalse(schema.getField("partition").getSchema().isOptional(), "! makes a required field");
        assertEquals(FieldType.INT64, schema.getField("offset").getSchema().getFieldType());
        assertTrue(schema.getField("offset").getSchema().isOptional(), "? keeps it optional");
        assertEquals(Timestamp.LOGICAL_NAME, schema.getField("ts").getSchema().getName());
        Struct value = (Struct) out.getData();
        assertEquals(7L, value.get("id"));
        assertEquals("orders", value.get("topic"));
        assertEquals("{brokerName=local, queueId=0, topic=orders}", value.get("partition"));
        assertEquals(42L, value.get("offset"));
        assertEquals(new Date(TIMESTAMP), value.get("ts"));
        assertEquals("erp", value.get("source"));
        assertEquals(valueSchema(), ((Struct) in.getData()).schema(), "the input struct keeps its schema");
    }

    @Test
    void anOffsetWithoutOneNumberIsInsertedAsItsText() {
        ConnectRecord schemaless = Fixtures.value(null, map("id", 1));
        schemaless.setPosition(new RecordPosition(null, new RecordOffset(Map.of("file", "a.txt", "line", "12"))));
        ConnectRecord withSchema = Fixtures.value(valueSchema(), orderValue());
        withSchema.setPosition(new RecordPosition(null, new RecordOffset(Map.of("lsn", "0/16B3748"))));
        InsertField transform = started(new InsertField.Value(), "offset.field", "offset", "partition.field", "partition");

        assertEquals(map("id", 1, "offset", "{file=a.txt, line=12}"), transform.doTransform(schemaless).getData());
        ConnectRecord out = transform.doTransform(withSchema);
        assertEquals(FieldType.STRING, out.getSchema().getField("offset").getSchema().getFieldType());
        assertEquals("{lsn=0/16B3748}", ((Struct) out.getData()).get("offset"));
        assertNull(((Struct) out.getData()).get("partition"), "no partition: the field stays null");
    }

    @Test
    void aRecordWithoutTimestampGetsNoTimestampField() {
        ConnectRecord in = Fixtures.value(null, map("id", 1));
        in.setTimestamp(null);

        ConnectRecord out = started(new InsertField.Value(), "timestamp.field", "ts").doTransform(in);

        assertEquals(map("id", 1), out.getData());
    }

    @Test
    void insertsIntoTheKeyLeavingTheValue() {
        Schema keySchema = SchemaBuilder.struct().field("id", SchemaBuilder.int64().build()).build();
        ConnectRecord withSchema = Fixtures.record(keySchema, new Struct(keySchema).put("id", 9L), null, "payload");
        ConnectRecord schemaless = Fixtures.record(null, map("id", 9L), null, "payload");
        InsertField transform = started(new InsertField.Key(), "topic.field", "t", "static.field", "k", "static.value", "v");

        ConnectRecord out = transform.doTransform(withSchema);
        assertEquals("orders", ((Struct) out.getKey()).get("t"));
        assertEquals("v", ((Struct) out.getKey()).get("k"));
        assertEquals("payload", out.getData());
        assertEquals(map("id", 9L, "t", "orders", "k", "v"), transform.doTransform(schemaless).getKey());
    }

    @Test
    void aTombstonePassesUnchanged() {
        ConnectRecord in = Fixtures.value(valueSchema(), null);

        ConnectRecord out = started(new InsertField.Value(), ALL).doTransform(in);

        assertNull(out.getData());
        assertEquals(valueSchema(), out.getSchema());
    }

    @Test
    void replaceNullWithDefaultDecidesWhatANullFieldWithADefaultBecomes() {
        ConnectRecord in = Fixtures.value(valueSchema(), orderValue());

        Struct withDefault = (Struct) started(new InsertField.Value(), "static.field", "s", "static.value", "x")
                .doTransform(in).getData();
        Struct withNull = (Struct) started(new InsertField.Value(), "static.field", "s", "static.value", "x",
                "replace.null.with.default", "false").doTransform(in).getData();

        assertEquals("none", withDefault.getWithoutDefault("note"));
        assertNull(withNull.getWithoutDefault("note"));
    }

    @Test
    void refusesAFieldTheStructAlreadyHas() {
        ConnectRecord in = Fixtures.value(valueSchema(), orderValue());

        ConnectException e = assertThrows(ConnectException.class,
                () -> started(new InsertField.Value(), "topic.field", "id").doTransform(in));
        assertTrue(e.getMessage().startsWith("InsertField$Value: "), e.getMessage());
        assertTrue(e.getMessage().contains("\"id\""), e.getMessage());
    }

    @Test
    void refusesAValueThatIsNeitherMapNorStruct() {
        ConnectException e = assertThrows(ConnectException.class,
                () -> started(new InsertField.Value(), "topic.field", "t").doTransform(Fixtures.value(null, "text")));
        assertTrue(e.getMessage().startsWith("InsertField$Value: "), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }

    @Test
    void aRequiredFieldWithoutValueFailsNamingTheTransform() {
        ConnectRecord in = Fixtures.value(valueSchema(), orderValue());
        in.setExtensions(null); // no topic

        ConnectException e = assertThrows(ConnectException.class,
                () -> started(new InsertField.Value(), "topic.field", "t!").doTransform(in));
        assertTrue(e.getMessage().startsWith("InsertField$Value: "), e.getMessage());
    }

    @Test
    void configWithoutInsertionIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> new InsertField.Value().validate(config()));
        assertEquals("topic.field", e.key());
    }

    @Test
    void staticFieldWithoutValueIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new InsertField.Value().validate(config("static.field", "s")));
        assertEquals("static.value", e.key());
    }

    @Test
    void aSpecNamingNoFieldIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new InsertField.Value().validate(config("offset.field", "!")));
        assertEquals("offset.field", e.key());
    }

    @Test
    void aBadBooleanIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new InsertField.Value().validate(config("topic.field", "t", "replace.null.with.default", "maybe")));
        assertEquals("replace.null.with.default", e.key());
    }

    @Test
    void declaresKafkasKeysAndAliases() {
        assertEquals(java.util.List.of("topic.field", "partition.field", "offset.field", "timestamp.field",
                        "static.field", "static.value", "replace.null.with.default"),
                new InsertField.Value().config().keys().stream().map(k -> k.name()).toList());
        assertEquals("org.apache.kafka.connect.transforms.InsertField$Value",
                InsertField.Value.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.InsertField$Key",
                InsertField.Key.class.getAnnotation(Aliases.class).value()[0]);
    }

    @Test
    void transformsOnlyBetweenStartAndStop() {
        assertThrows(IllegalStateException.class, () -> new InsertField.Value().doTransform(Fixtures.value(null, map())));
        InsertField transform = started(new InsertField.Value(), "topic.field", "t");
        transform.stop();
        assertThrows(IllegalStateException.class, () -> transform.doTransform(Fixtures.value(null, map())));
    }
}
