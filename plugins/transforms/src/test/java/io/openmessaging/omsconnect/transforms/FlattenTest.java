package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.api.Aliases;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.openmessaging.omsconnect.transforms.Fixtures.map;
import static io.openmessaging.omsconnect.transforms.Fixtures.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlattenTest {
    private static final Schema ADDRESS = SchemaBuilder.struct().optional()
            .field("city", SchemaBuilder.string().required().build())
            .field("zip", SchemaBuilder.string().required().build())
            .build();
    private static final Schema PERSON = SchemaBuilder.struct().name("person").required()
            .field("name", SchemaBuilder.string().required().build())
            .field("address", ADDRESS)
            .field("tags", SchemaBuilder.array(SchemaBuilder.string().build()).required().build())
            .build();

    @Test
    void flattensNestedMaps() {
        Map<String, Object> value = map("id", 1, "address", map("city", "Oslo", "geo", map("lat", 59.9)),
                "tags", List.of("a"), "none", null);

        ConnectRecord out = started(new Flatten.Value()).doTransform(Fixtures.value(null, value));

        assertEquals(map("id", 1, "address.city", "Oslo", "address.geo.lat", 59.9, "tags", List.of("a"), "none", null),
                out.getData());
    }

    @Test
    void theDelimiterJoinsTheNames() {
        ConnectRecord out = started(new Flatten.Value(), "delimiter", "_")
                .doTransform(Fixtures.value(null, map("a", map("b", map("c", 1)))));

        assertEquals(map("a_b_c", 1), out.getData());
    }

    @Test
    void flattensNestedStructsMakingFieldsUnderAnOptionalStructOptional() {
        Struct person = new Struct(PERSON).put("name", "ann").put("tags", List.of("x"))
                .put("address", new Struct(ADDRESS).put("city", "Oslo").put("zip", "0150"));

        ConnectRecord out = started(new Flatten.Value()).doTransform(Fixtures.value(PERSON, person));

        Schema flat = out.getSchema();
        assertEquals(List.of("name", "address.city", "address.zip", "tags"),
                flat.getFields().stream().map(Field::getName).toList());
        assertEquals("person", flat.getName());
        assertFalse(flat.getField("name").getSchema().isOptional());
        assertTrue(flat.getField("address.city").getSchema().isOptional(), "its struct is optional");
        assertEquals(PERSON.getField("tags").getSchema().getValueSchema(), flat.getField("tags").getSchema().getValueSchema());
        Struct value = (Struct) out.getData();
        assertEquals("ann", value.get("name"));
        assertEquals("Oslo", value.get("address.city"));
        assertEquals("0150", value.get("address.zip"));
        assertEquals(List.of("x"), value.get("tags"));
    }

    @Test
    void aNullNestedStructLeavesItsFieldsNull() {
        Struct person = new Struct(PERSON).put("name", "ann").put("tags", List.of());

        Struct value = (Struct) started(new Flatten.Value()).doTransform(Fixtures.value(PERSON, person)).getData();

        assertNull(value.get("address.city"));
    }

    @Test
    void aNestedStructsDefaultGivesItsFieldsDefaults() {
        Schema inner = SchemaBuilder.struct().field("n", SchemaBuilder.int32().build()).build();
        Schema withDefault = SchemaBuilder.struct().field("n", SchemaBuilder.int32().build())
                .defaultValue(new Struct(inner).put("n", 7)).build();
        Schema outer = SchemaBuilder.struct().field("inner", withDefault).build();

        ConnectRecord out = started(new Flatten.Value()).doTransform(Fixtures.value(outer, new Struct(outer)));

        assertEquals(7, out.getSchema().getField("inner.n").getSchema().getDefaultValue());
    }

    @Test
    void flattensTheKey() {
        Struct person = new Struct(PERSON).put("name", "ann").put("tags", List.of())
                .put("address", new Struct(ADDRESS).put("city", "Oslo").put("zip", "0150"));

        ConnectRecord out = started(new Flatten.Key()).doTransform(Fixtures.record(PERSON, person, null, "v"));

        assertEquals("Oslo", ((Struct) out.getKey()).get("address.city"));
        assertEquals("v", out.getData());
        assertEquals(map("a.b", 1), started(new Flatten.Key()).doTransform(Fixtures.key(null, map("a", map("b", 1)))).getKey());
    }

    @Test
    void aMapWithSchemaIsRefused() {
        Schema withMap = SchemaBuilder.struct().field("m", SchemaBuilder.map(SchemaBuilder.string().build(),
                SchemaBuilder.string().build()).build()).build();

        ConnectException e = assertThrows(ConnectException.class,
                () -> started(new Flatten.Value()).doTransform(Fixtures.value(withMap, new Struct(withMap))));
        assertTrue(e.getMessage().startsWith("Flatten$Value: field \"m\""), e.getMessage());
    }

    @Test
    void aNullPassesUnchanged() {
        assertNull(started(new Flatten.Value()).doTransform(Fixtures.value(PERSON, null)).getData());
    }

    @Test
    void aliasesAndDefaultDelimiter() {
        assertEquals(".", new Flatten.Value().config().key("delimiter").orElseThrow().defaultValue());
        assertEquals("org.apache.kafka.connect.transforms.Flatten$Value", Flatten.Value.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.Flatten$Key", Flatten.Key.class.getAnnotation(Aliases.class).value()[0]);
    }
}
