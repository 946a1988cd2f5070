package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueToKeyTest {
    private static final Schema SCHEMA = SchemaBuilder.struct()
            .field("a", SchemaBuilder.int32().build())
            .field("b", SchemaBuilder.string().defaultValue("dflt").build())
            .field("c", SchemaBuilder.bool().build())
            .build();

    @Test
    void makesASchemalessKeyOfTheNamedFields() {
        ConnectRecord out = started(new ValueToKey(), "fields", "b,a,missing")
                .doTransform(Fixtures.value(null, map("a", 1, "b", "two", "c", true)));

        assertEquals(map("b", "two", "a", 1, "missing", null), out.getKey());
        assertNull(out.getKeySchema());
        assertEquals(map("a", 1, "b", "two", "c", true), out.getData());
    }

    @Test
    void makesAStructKeyWithTheFieldsSchemas() {
        Struct value = new Struct(SCHEMA).put("a", 1).put("c", true);

        ConnectRecord out = started(new ValueToKey(), "fields", "a,b").doTransform(Fixtures.value(SCHEMA, value));

        Struct key = (Struct) out.getKey();
        assertFalse(out.getKeySchema().isOptional());
        assertEquals(SCHEMA.getField("a").getSchema(), out.getKeySchema().getField("a").getSchema());
        assertEquals(1, key.get("a"));
        assertEquals("dflt", key.getWithoutDefault("b"));
        assertSame(value, out.getData());
        assertNull(((Struct) started(new ValueToKey(), "fields", "b", "replace.null.with.default", "false")
                .doTransform(Fixtures.value(SCHEMA, value)).getKey()).getWithoutDefault("b"));
    }

    @Test
    void aFieldTheValueLacksFails() {
        ConnectException e = assertThrows(ConnectException.class, () -> started(new ValueToKey(), "fields", "zz")
                .doTransform(Fixtures.value(SCHEMA, new Struct(SCHEMA))));
        assertTrue(e.getMessage().startsWith("ValueToKey: "), e.getMessage());
        assertTrue(e.getMessage().contains("\"zz\""), e.getMessage());
    }

    @Test
    void aTombstoneKeepsItsKey() {
        ConnectRecord out = started(new ValueToKey(), "fields", "a").doTransform(Fixtures.record(null, "k", null, null));
        assertEquals("k", out.getKey());
    }

    @Test
    void aValueThatIsNoMapFails() {
        assertThrows(ConnectException.class, () -> started(new ValueToKey(), "fields", "a").doTransform(Fixtures.value(null, 5)));
    }

    @Test
    void fieldsAreRequired() {
        assertEquals("fields", assertThrows(ConfigException.class, () -> new ValueToKey().validate(config())).key());
        assertEquals("org.apache.kafka.connect.transforms.ValueToKey", ValueToKey.class.getAnnotation(Aliases.class).value()[0]);
    }
}
