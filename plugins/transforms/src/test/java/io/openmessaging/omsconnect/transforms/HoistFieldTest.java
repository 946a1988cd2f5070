package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
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

class HoistFieldTest {

    @Test
    void hoistsASchemalessValueIntoAMap() {
        assertEquals(map("line", "hello"),
                started(new HoistField.Value(), "field", "line").doTransform(Fixtures.value(null, "hello")).getData());
        assertEquals(map("line", null),
                started(new HoistField.Value(), "field", "line").doTransform(Fixtures.value(null, null)).getData());
    }

    @Test
    void hoistsAValueWithSchemaIntoAStruct() {
        Schema string = SchemaBuilder.string().build();

        ConnectRecord out = started(new HoistField.Value(), "field", "line").doTransform(Fixtures.value(string, "hello"));

        assertFalse(out.getSchema().isOptional());
        assertSame(string, out.getSchema().getField("line").getSchema());
        assertEquals("hello", ((Struct) out.getData()).get("line"));
    }

    @Test
    void hoistsTheKey() {
        Schema id = SchemaBuilder.int64().build();
        ConnectRecord out = started(new HoistField.Key(), "field", "id").doTransform(Fixtures.record(id, 5L, null, "v"));

        assertEquals(5L, ((Struct) out.getKey()).get("id"));
        assertEquals("v", out.getData());
        assertNull(out.getSchema());
        assertEquals(map("id", 5L), started(new HoistField.Key(), "field", "id").doTransform(Fixtures.key(null, 5L)).getKey());
    }

    @Test
    void fieldIsRequired() {
        assertEquals("field", assertThrows(ConfigException.class, () -> new HoistField.Value().validate(config())).key());
        assertEquals("org.apache.kafka.connect.transforms.HoistField$Value",
                HoistField.Value.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.HoistField$Key",
                HoistField.Key.class.getAnnotation(Aliases.class).value()[0]);
    }
}
