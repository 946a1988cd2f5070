package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.FieldType;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.data.logical.Date;
import io.openmessaging.connector.api.data.logical.Timestamp;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import static io.openmessaging.omsconnect.transforms.Fixtures.config;
import static io.openmessaging.omsconnect.transforms.Fixtures.map;
import static io.openmessaging.omsconnect.transforms.Fixtures.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CastTest {
    private static final long DAY = 86_400_000L;

    @Test
    void castsSchemalessFieldsToEveryType() {
        Map<String, Object> value = map("a", 300, "b", "42", "c", 3.9d, "d", true, "e", "true", "f", 0L,
                "g", 7, "h", "1.5", "i", 5);

        ConnectRecord out = started(new Cast.Value(),
                "spec", "a:int8,b:int16,c:int64,d:int32,e:boolean,f:boolean,g:string,h:float64,i:float32,absent:int8")
                .doTransform(Fixtures.value(null, value));

        assertEquals(map("a", (byte) 44, "b", (short) 42, "c", 3L, "d", 1, "e", true, "f", false, "g", "7",
                "h", 1.5d, "i", 5f), out.getData());
        assertEquals(300, value.get("a"));
    }

    @Test
    void castsTheWholeSchemalessValue() {
        assertEquals(42L, started(new Cast.Value(), "spec", "int64").doTransform(Fixtures.value(null, "42")).getData());
        assertEquals("AQI=", started(new Cast.Value(), "spec", "string")
                .doTransform(Fixtures.value(null, new byte[]{1, 2})).getData());
        assertEquals("AQI=", started(new Cast.Value(), "spec", "STRING")
                .doTransform(Fixtures.value(null, ByteBuffer.wrap(new byte[]{1, 2}))).getData());
    }

    @Test
    void castsStructFieldsKeepingOptionalityAndCastingDefaults() {
        Schema schema = SchemaBuilder.struct().name("s").version(2).required()
                .field("id", SchemaBuilder.int64().required().build())
                .field("price", SchemaBuilder.string().optional().defaultValue("9.5").build())
                .field("name", SchemaBuilder.string().build())
                .build();
        Struct value = new Struct(schema).put("id", 12L).put("name", "x");

        ConnectRecord out = started(new Cast.Value(), "spec", "id:int32,price:float64").doTransform(Fixtures.value(schema, value));

        Schema cast = out.getSchema();
        assertEquals("s", cast.getName());
        assertEquals(2, cast.getVersion());
        assertFalse(cast.isOptional());
        assertEquals(FieldType.INT32, cast.getField("id").getSchema().getFieldType());
        assertFalse(cast.getField("id").getSchema().isOptional());
        assertEquals(FieldType.FLOAT64, cast.getField("price").getSchema().getFieldType());
        assertTrue(cast.getField("price").getSchema().isOptional());
        assertEquals(9.5d, cast.getField("price").getSchema().getDefaultValue());
        assertEquals(schema.getField("name").getSchema(), cast.getField("name").getSchema());
        Struct castValue = (Struct) out.getData();
        assertEquals(12, castValue.get("id"));
        assertEquals(9.5d, castValue.getWithoutDefault("price"), "the null price read as its default, cast");
        assertEquals("x", castValue.get("name"));
        assertNull(((Struct) started(new Cast.Value(), "spec", "price:float64", "replace.null.with.default", "false")
                .doTransform(Fixtures.value(schema, value)).getData()).getWithoutDefault("price"));
    }

    @Test
    void castsTheWholeValueWithItsSchema() {
        Schema int64 = SchemaBuilder.int64().name("count").required().build();

        ConnectRecord out = started(new Cast.Value(), "spec", "int32").doTransform(Fixtures.value(int64, 5L));

        assertEquals(5, out.getData());
        assertEquals(FieldType.INT32, out.getSchema().getFieldType());
        assertEquals("count", out.getSchema().getName());
        assertFalse(out.getSchema().isOptional());
    }

    @Test
    void castsLogicalValuesToTheirNumbersOrIsoText() {
        Schema schema = SchemaBuilder.struct()
                .field("day", Date.builder().build())
                .field("at", Timestamp.builder().build())
                .build();
        Struct value = new Struct(schema).put("day", new java.util.Date(3 * DAY)).put("at", new java.util.Date(3 * DAY + 1500));

        Struct numbers = (Struct) started(new Cast.Value(), "spec", "day:int32,at:int64")
                .doTransform(Fixtures.value(schema, value)).getData();
        Struct texts = (Struct) started(new Cast.Value(), "spec", "day:string,at:string")
                .doTransform(Fixtures.value(schema, value)).getData();

        assertEquals(3, numbers.get("day"));
        assertEquals(3 * DAY + 1500, numbers.get("at"));
        assertEquals("1970-01-04", texts.get("day"));
        assertEquals("1970-01-04T00:00:01.500Z", texts.get("at"));

        ConnectRecord whole = started(new Cast.Value(), "spec", "int64")
                .doTransform(Fixtures.value(Timestamp.builder().build(), new java.util.Date(77)));
        assertEquals(77L, whole.getData());
        assertNull(whole.getSchema().getName(), "the number is no Timestamp any more");
    }

    @Test
    void castsTheKey() {
        Schema schema = SchemaBuilder.struct().field("id", SchemaBuilder.string().build()).build();
        ConnectRecord out = started(new Cast.Key(), "spec", "id:int64")
                .doTransform(Fixtures.record(schema, new Struct(schema).put("id", "77"), null, "v"));

        assertEquals(77L, ((Struct) out.getKey()).get("id"));
        assertEquals("v", out.getData());
        assertEquals(map("id", 77L), started(new Cast.Key(), "spec", "id:int64")
                .doTransform(Fixtures.key(null, map("id", "77"))).getKey());
    }

    @Test
    void aNullPassesUnchanged() {
        assertNull(started(new Cast.Value(), "spec", "int8").doTransform(Fixtures.value(null, null)).getData());
    }

    @Test
    void valuesThatDoNotCastFailNamingTheField() {
        ConnectException text = assertThrows(ConnectException.class, () -> started(new Cast.Value(), "spec", "n:int32")
                .doTransform(Fixtures.value(null, map("n", "twelve"))));
        assertTrue(text.getMessage().startsWith("Cast$Value: field \"n\""), text.getMessage());

        Schema bytes = SchemaBuilder.struct().field("raw", SchemaBuilder.bytes().build()).build();
        ConnectException binary = assertThrows(ConnectException.class, () -> started(new Cast.Value(), "spec", "raw:int32")
                .doTransform(Fixtures.value(bytes, new Struct(bytes).put("raw", new byte[]{1}))));
        assertTrue(binary.getMessage().contains("\"raw\""), binary.getMessage());

        Schema nested = SchemaBuilder.struct().field("m", SchemaBuilder.map(SchemaBuilder.string().build(),
                SchemaBuilder.string().build()).build()).build();
        ConnectException map = assertThrows(ConnectException.class, () -> started(new Cast.Value(), "spec", "m:string")
                .doTransform(Fixtures.value(nested, new Struct(nested).put("m", Map.of()))));
        assertTrue(map.getMessage().contains("MAP"), map.getMessage());

        assertThrows(ConnectException.class, () -> started(new Cast.Value(), "spec", "m:string")
                .doTransform(Fixtures.value(null, map("m", List.of(1)))));
    }

    @Test
    void badSpecsAreRefusedNamingTheKey() {
        for (String spec : List.of("id:bytes", "id:decimal", "int32,id:int8", "a:b:c", ":int8", "array")) {
            ConfigException e = assertThrows(ConfigException.class, () -> new Cast.Value().validate(config("spec", spec)), spec);
            assertEquals("spec", e.key());
        }
        assertEquals("spec", assertThrows(ConfigException.class, () -> new Cast.Value().validate(config())).key());
    }

    @Test
    void aliases() {
        assertEquals("org.apache.kafka.connect.transforms.Cast$Value", Cast.Value.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.Cast$Key", Cast.Key.class.getAnnotation(Aliases.class).value()[0]);
    }
}
