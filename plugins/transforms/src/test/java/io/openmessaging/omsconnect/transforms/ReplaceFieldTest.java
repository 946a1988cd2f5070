package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.openmessaging.omsconnect.transforms.Fixtures.config;
import static io.openmessaging.omsconnect.transforms.Fixtures.map;
import static io.openmessaging.omsconnect.transforms.Fixtures.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplaceFieldTest {

    private static Schema schema() {
        return SchemaBuilder.struct().name("row").required()
                .field("id", SchemaBuilder.int32().required().build())
                .field("name", SchemaBuilder.string().build())
                .field("secret", SchemaBuilder.string().build())
                .field("rank", SchemaBuilder.int32().defaultValue(5).build())
                .build();
    }

    private static Struct row() {
        return new Struct(schema()).put("id", 1).put("name", "ann").put("secret", "s3");
    }

    private static List<String> names(Schema schema) {
        return schema.getFields().stream().map(Field::getName).toList();
    }

    @Test
    void excludesAndRenamesSchemalessFields() {
        Map<String, Object> value = map("id", 1, "name", "ann", "secret", "s3");

        ConnectRecord out = started(new ReplaceField.Value(), "exclude", "secret", "renames", "name:full_name,id:key")
                .doTransform(Fixtures.value(null, value));

        assertEquals(map("key", 1, "full_name", "ann"), out.getData());
        assertEquals(map("id", 1, "name", "ann", "secret", "s3"), value);
    }

    @Test
    void includeKeepsOnlyTheNamedFieldsAndExcludeWins() {
        ConnectRecord out = started(new ReplaceField.Value(), "include", "id,name,secret", "exclude", "secret")
                .doTransform(Fixtures.value(null, map("id", 1, "name", "ann", "secret", "s3", "other", true)));

        assertEquals(map("id", 1, "name", "ann"), out.getData());
    }

    @Test
    void filtersAndRenamesStructFieldsInTheirOrder() {
        ConnectRecord out = started(new ReplaceField.Value(), "exclude", "secret", "renames", "name:full_name")
                .doTransform(Fixtures.value(schema(), row()));

        Struct value = (Struct) out.getData();
        assertEquals(List.of("id", "full_name", "rank"), names(out.getSchema()));
        assertEquals("row", out.getSchema().getName());
        assertEquals(1, value.get("id"));
        assertEquals("ann", value.get("full_name"));
        assertEquals(5, value.getWithoutDefault("rank"), "a null field with a default reads as the default");
    }

    @Test
    void replaceNullWithDefaultFalseKeepsTheNull() {
        ConnectRecord out = started(new ReplaceField.Value(), "include", "rank", "replace.null.with.default", "false")
                .doTransform(Fixtures.value(schema(), row()));

        assertNull(((Struct) out.getData()).getWithoutDefault("rank"));
    }

    @Test
    void kafkasDeprecatedWhitelistAndBlacklistStillWork() {
        ConnectRecord out = started(new ReplaceField.Value(), "whitelist", "id,name", "blacklist", "name")
                .doTransform(Fixtures.value(schema(), row()));

        assertEquals(List.of("id"), names(out.getSchema()));
    }

    @Test
    void worksOnTheKey() {
        ConnectRecord in = Fixtures.record(schema(), row(), null, map("v", 1));
        ConnectRecord out = started(new ReplaceField.Key(), "include", "id").doTransform(in);

        assertEquals(List.of("id"), names(out.getKeySchema()));
        assertEquals(map("v", 1), out.getData());
        assertEquals(map("id", 1), started(new ReplaceField.Key(), "include", "id")
                .doTransform(Fixtures.key(null, map("id", 1, "x", 2))).getKey());
    }

    @Test
    void aTombstonePassesUnchanged() {
        assertNull(started(new ReplaceField.Value(), "exclude", "a").doTransform(Fixtures.value(null, null)).getData());
    }

    @Test
    void aRenameOntoAnotherKeptFieldFails() {
        ConnectException e = assertThrows(ConnectException.class,
                () -> started(new ReplaceField.Value(), "renames", "name:id").doTransform(Fixtures.value(schema(), row())));
        assertTrue(e.getMessage().startsWith("ReplaceField$Value: "), e.getMessage());
    }

    @Test
    void badRenamesAreRefusedNamingTheKey() {
        for (String renames : List.of("a", "a:b:c", ":b", "a:", "a:b,c")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> new ReplaceField.Value().validate(config("renames", renames)), renames);
            assertEquals("renames", e.key());
        }
    }

    @Test
    void aliases() {
        assertEquals("org.apache.kafka.connect.transforms.ReplaceField$Value",
                ReplaceField.Value.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.ReplaceField$Key",
                ReplaceField.Key.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals(List.of("blacklist"), new ReplaceField.Value().config().key("exclude").orElseThrow().aliases());
        assertEquals(List.of("whitelist"), new ReplaceField.Value().config().key("include").orElseThrow().aliases());
    }
}
