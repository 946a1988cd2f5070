package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.data.logical.Timestamp;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.openmessaging.omsconnect.transforms.Fixtures.config;
import static io.openmessaging.omsconnect.transforms.Fixtures.map;
import static io.openmessaging.omsconnect.transforms.Fixtures.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskFieldTest {

    @Test
    void masksSchemalessFieldsWithTheEmptyValueOfTheirType() {
        Map<String, Object> value = map("i", 5, "l", 6L, "s", "secret", "b", true, "d", 1.5, "f", 2.5f,
                "by", (byte) 3, "sh", (short) 4, "dec", new BigDecimal("9.99"), "date", new Date(99),
                "list", List.of(1), "map", Map.of("a", 1), "n", null, "kept", "x");

        ConnectRecord out = started(new MaskField.Value(),
                "fields", "i,l,s,b,d,f,by,sh,dec,date,list,map,n,absent").doTransform(Fixtures.value(null, value));

        assertEquals(map("i", 0, "l", 0L, "s", "", "b", false, "d", 0d, "f", 0f, "by", (byte) 0, "sh", (short) 0,
                "dec", BigDecimal.ZERO, "date", new Date(0), "list", List.of(), "map", Map.of(), "n", null,
                "kept", "x"), out.getData());
        assertEquals("secret", value.get("s"), "the input is not changed");
    }

    @Test
    void masksWithAReplacementReadAsTheFieldsType() {
        ConnectRecord out = started(new MaskField.Value(), "fields", "i,s,dec", "replacement", "42")
                .doTransform(Fixtures.value(null, map("i", 5, "s", "secret", "dec", new BigDecimal("1.5"))));

        assertEquals(map("i", 42, "s", "42", "dec", new BigDecimal("42")), out.getData());
    }

    @Test
    void masksStructFields() {
        Schema schema = SchemaBuilder.struct()
                .field("card", SchemaBuilder.string().build())
                .field("pin", SchemaBuilder.int32().build())
                .field("at", Timestamp.builder().build())
                .field("name", SchemaBuilder.string().build())
                .build();
        Struct value = new Struct(schema).put("card", "4111").put("pin", 1234).put("at", new Date(5)).put("name", "ann");

        ConnectRecord out = started(new MaskField.Value(), "fields", "card,pin,at").doTransform(Fixtures.value(schema, value));

        Struct masked = (Struct) out.getData();
        assertEquals(schema, out.getSchema());
        assertEquals("", masked.get("card"));
        assertEquals(0, masked.get("pin"));
        assertEquals(new Date(0), masked.get("at"));
        assertEquals("ann", masked.get("name"));
        assertEquals("4111", value.get("card"));
    }

    @Test
    void masksStructKeyFields() {
        Schema schema = SchemaBuilder.struct().field("ssn", SchemaBuilder.string().build()).field("id", SchemaBuilder.int32().build()).build();

        ConnectRecord out = started(new MaskField.Key(), "fields", "ssn")
                .doTransform(Fixtures.record(schema, new Struct(schema).put("ssn", "123-45").put("id", 1), null, "v"));

        assertEquals("", ((Struct) out.getKey()).get("ssn"));
        assertEquals(1, ((Struct) out.getKey()).get("id"));
        assertEquals("v", out.getData());
    }

    @Test
    void masksKeyFields() {
        ConnectRecord out = started(new MaskField.Key(), "fields", "ssn", "replacement", "***")
                .doTransform(Fixtures.key(null, map("ssn", "123-45", "id", 1)));

        assertEquals(map("ssn", "***", "id", 1), out.getKey());
    }

    @Test
    void aReplacementThatIsNoNumberFailsNamingTheField() {
        ConnectException e = assertThrows(ConnectException.class, () -> started(new MaskField.Value(),
                "fields", "pin", "replacement", "xx").doTransform(Fixtures.value(null, map("pin", 12))));
        assertTrue(e.getMessage().startsWith("MaskField$Value: field \"pin\""), e.getMessage());
    }

    @Test
    void aTypeWithoutEmptyValueFails() {
        ConnectException e = assertThrows(ConnectException.class, () -> started(new MaskField.Value(),
                "fields", "raw").doTransform(Fixtures.value(null, map("raw", new byte[]{1}))));
        assertTrue(e.getMessage().contains("\"raw\""), e.getMessage());
    }

    @Test
    void aTombstonePassesUnchanged() {
        assertNull(started(new MaskField.Value(), "fields", "a").doTransform(Fixtures.value(null, null)).getData());
    }

    @Test
    void fieldsAreRequired() {
        assertEquals("fields", assertThrows(ConfigException.class, () -> new MaskField.Value().validate(config())).key());
        assertEquals("fields", assertThrows(ConfigException.class,
                () -> new MaskField.Value().validate(config("fields", " , "))).key());
    }

    @Test
    void aliases() {
        assertEquals("org.apache.kafka.connect.transforms.MaskField$Value",
                MaskField.Value.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.MaskField$Key",
                MaskField.Key.class.getAnnotation(Aliases.class).value()[0]);
    }
}
