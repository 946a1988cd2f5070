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

class SetSchemaMetadataTest {
    private static final Schema SCHEMA = SchemaBuilder.struct().name("old").version(1).doc("rows").required()
            .field("id", SchemaBuilder.int32().build())
            .field("tag", SchemaBuilder.string().defaultValue("x").build())
            .build();

    @Test
    void setsNameAndVersionRebuildingTheStruct() {
        Struct value = new Struct(SCHEMA).put("id", 3);

        ConnectRecord out = started(new SetSchemaMetadata.Value(), "schema.name", "new", "schema.version", "7")
                .doTransform(Fixtures.value(SCHEMA, value));

        assertEquals("new", out.getSchema().getName());
        assertEquals(7, out.getSchema().getVersion());
        assertEquals("rows", out.getSchema().getDoc());
        assertEquals(SCHEMA.getFields(), out.getSchema().getFields());
        Struct renamed = (Struct) out.getData();
        assertEquals(out.getSchema(), renamed.schema());
        assertEquals(3, renamed.get("id"));
        assertEquals("x", renamed.getWithoutDefault("tag"));
        assertEquals("old", SCHEMA.getName());
        assertNull(((Struct) started(new SetSchemaMetadata.Value(), "schema.name", "new", "replace.null.with.default", "false")
                .doTransform(Fixtures.value(SCHEMA, value)).getData()).getWithoutDefault("tag"));
    }

    @Test
    void setsOnlyWhatIsConfigured() {
        ConnectRecord out = started(new SetSchemaMetadata.Value(), "schema.version", "2")
                .doTransform(Fixtures.value(SchemaBuilder.string().name("s").build(), "text"));

        assertEquals("s", out.getSchema().getName());
        assertEquals(2, out.getSchema().getVersion());
        assertEquals("text", out.getData());
    }

    @Test
    void setsTheKeySchema() {
        ConnectRecord out = started(new SetSchemaMetadata.Key(), "schema.name", "k")
                .doTransform(Fixtures.record(SCHEMA, new Struct(SCHEMA).put("id", 1), null, "v"));

        assertEquals("k", out.getKeySchema().getName());
        assertEquals(1, ((Struct) out.getKey()).get("id"));
        assertNull(out.getSchema());
    }

    @Test
    void aRecordWithoutSchemaOrValuePassesButASchemalessValueFails() {
        assertNull(started(new SetSchemaMetadata.Value(), "schema.name", "n").doTransform(Fixtures.value(null, null)).getData());
        ConnectException e = assertThrows(ConnectException.class, () -> started(new SetSchemaMetadata.Value(),
                "schema.name", "n").doTransform(Fixtures.value(null, map("a", 1))));
        assertTrue(e.getMessage().startsWith("SetSchemaMetadata$Value: "), e.getMessage());
    }

    @Test
    void badConfigsAreRefusedNamingTheKey() {
        assertEquals("schema.name", assertThrows(ConfigException.class,
                () -> new SetSchemaMetadata.Value().validate(config())).key());
        assertEquals("schema.version", assertThrows(ConfigException.class,
                () -> new SetSchemaMetadata.Value().validate(config("schema.version", "two"))).key());
    }

    @Test
    void aliases() {
        assertEquals("org.apache.kafka.connect.transforms.SetSchemaMetadata$Value",
                SetSchemaMetadata.Value.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.SetSchemaMetadata$Key",
                SetSchemaMetadata.Key.class.getAnnotation(Aliases.class).value()[0]);
    }
}
