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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtractFieldTest {
    private static final Schema ID = SchemaBuilder.int64().required().build();
    private static final Schema SCHEMA = SchemaBuilder.struct()
            .field("id", ID)
            .field("tag", SchemaBuilder.string().defaultValue("none").build())
            .build();

    @Test
    void extractsASchemalessField() {
        ConnectRecord out = started(new ExtractField.Value(), "field", "id").doTransform(Fixtures.value(null, map("id", 3L)));
        assertEquals(3L, out.getData());
        assertNull(started(new ExtractField.Value(), "field", "nope").doTransform(Fixtures.value(null, map("id", 3L))).getData());
    }

    @Test
    void extractsAStructFieldWithItsSchema() {
        ConnectRecord out = started(new ExtractField.Value(), "field", "id")
                .doTransform(Fixtures.value(SCHEMA, new Struct(SCHEMA).put("id", 3L)));

        assertEquals(3L, out.getData());
        assertEquals(ID, out.getSchema());
    }

    @Test
    void replaceNullWithDefaultDecidesANullFieldsValue() {
        ConnectRecord in = Fixtures.value(SCHEMA, new Struct(SCHEMA).put("id", 3L));
        assertEquals("none", started(new ExtractField.Value(), "field", "tag").doTransform(in).getData());
        assertNull(started(new ExtractField.Value(), "field", "tag", "replace.null.with.default", "false")
                .doTransform(in).getData());
    }

    @Test
    void extractsFromTheKey() {
        ConnectRecord in = Fixtures.record(SCHEMA, new Struct(SCHEMA).put("id", 9L), null, "v");
        ConnectRecord out = started(new ExtractField.Key(), "field", "id").doTransform(in);

        assertEquals(9L, out.getKey());
        assertEquals(ID, out.getKeySchema());
        assertEquals("v", out.getData());
        assertEquals(1, started(new ExtractField.Key(), "field", "k").doTransform(Fixtures.key(null, map("k", 1))).getKey());
    }

    @Test
    void aNullStaysNullWithTheFieldsSchema() {
        ConnectRecord out = started(new ExtractField.Value(), "field", "id").doTransform(Fixtures.value(SCHEMA, null));
        assertNull(out.getData());
        assertEquals(ID, out.getSchema());
        assertNull(started(new ExtractField.Value(), "field", "id").doTransform(Fixtures.value(null, null)).getData());
    }

    @Test
    void anUnknownFieldOrShapeFails() {
        ConnectException e = assertThrows(ConnectException.class, () -> started(new ExtractField.Value(), "field", "zz")
                .doTransform(Fixtures.value(SCHEMA, new Struct(SCHEMA))));
        assertTrue(e.getMessage().startsWith("ExtractField$Value: ") && e.getMessage().contains("\"zz\""), e.getMessage());
        assertThrows(ConnectException.class, () -> started(new ExtractField.Value(), "field", "id")
                .doTransform(Fixtures.value(ID, 5L)));
        assertThrows(ConnectException.class, () -> started(new ExtractField.Value(), "field", "id")
                .doTransform(Fixtures.value(null, "text")));
    }

    @Test
    void fieldIsRequired() {
        assertEquals("field", assertThrows(ConfigException.class, () -> new ExtractField.Key().validate(config())).key());
        assertEquals("org.apache.kafka.connect.transforms.ExtractField$Value",
                ExtractField.Value.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.ExtractField$Key",
                ExtractField.Key.class.getAnnotation(Aliases.class).value()[0]);
    }
}
