package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.data.logical.Date;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.RecordTopic;
import io.openmessaging.omsconnect.api.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.openmessaging.omsconnect.transforms.Fixtures.config;
import static io.openmessaging.omsconnect.transforms.Fixtures.extensions;
import static io.openmessaging.omsconnect.transforms.Fixtures.map;
import static io.openmessaging.omsconnect.transforms.Fixtures.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HeaderFrom, InsertHeader and DropHeaders: headers are the record's extensions. */
class HeaderTransformsTest {
    private static final Schema SCHEMA = SchemaBuilder.struct()
            .field("id", SchemaBuilder.int32().build())
            .field("day", Date.builder().build())
            .field("raw", SchemaBuilder.bytes().build())
            .field("note", SchemaBuilder.string().build())
            .build();

    private static Struct row() {
        return new Struct(SCHEMA).put("id", 7).put("day", new java.util.Date(86_400_000L)).put("raw", new byte[]{1, 2});
    }

    @Test
    void headerFromCopiesSchemalessFieldsAsText() {
        Map<String, Object> value = map("id", 7, "name", "ann", "none", null);

        ConnectRecord out = started(new HeaderFrom.Value(), "fields", "id,name,none", "headers", "h-id,h-name,h-none",
                "operation", "copy").doTransform(Fixtures.value(null, value));

        assertEquals(value, out.getData());
        assertEquals("7", out.getExtension("h-id"));
        assertEquals("ann", out.getExtension("h-name"));
        assertFalse(extensions(out).containsKey("h-none"), "a null field sets no header");
        assertEquals("t-1", out.getExtension("trace"));
    }

    @Test
    void headerFromMovesSchemalessFields() {
        ConnectRecord in = Fixtures.value(null, map("id", 7, "name", "ann"));

        ConnectRecord out = started(new HeaderFrom.Value(), "fields", "id", "headers", "h-id", "operation", "move")
                .doTransform(in);

        assertEquals(map("name", "ann"), out.getData());
        assertEquals("7", out.getExtension("h-id"));
        assertFalse(extensions(in).containsKey("h-id"), "the input's headers are its own");
    }

    @Test
    void headerFromCopiesStructFieldsAsTheirText() {
        Struct value = row();

        ConnectRecord out = started(new HeaderFrom.Value(), "fields", "id,day,raw", "headers", "a,b,c", "operation", "copy")
                .doTransform(Fixtures.value(SCHEMA, value));

        assertSame(value, out.getData());
        assertEquals("7", out.getExtension("a"));
        assertEquals("1970-01-02", out.getExtension("b"));
        assertEquals("AQI=", out.getExtension("c"));
    }

    @Test
    void headerFromMovesStructFieldsOutOfTheSchema() {
        ConnectRecord out = started(new HeaderFrom.Value(), "fields", "id,note", "headers", "a,b", "operation", "move")
                .doTransform(Fixtures.value(SCHEMA, row()));

        assertEquals(List.of("day", "raw"), out.getSchema().getFields().stream().map(Field::getName).toList());
        assertEquals(new java.util.Date(86_400_000L), ((Struct) out.getData()).get("day"));
        assertEquals("7", out.getExtension("a"));
        assertFalse(extensions(out).containsKey("b"));
    }

    @Test
    void headerFromWorksOnTheKey() {
        ConnectRecord out = started(new HeaderFrom.Key(), "fields", "id", "headers", "key-id", "operation", "move")
                .doTransform(Fixtures.record(SCHEMA, row(), null, "v"));

        assertEquals("7", out.getExtension("key-id"));
        assertTrue(out.getKeySchema().getField("id") == null);
        assertEquals("v", out.getData());
    }

    @Test
    void headerFromCopiesSchemalessKeyFields() {
        ConnectRecord out = started(new HeaderFrom.Key(), "fields", "id", "headers", "key-id", "operation", "copy")
                .doTransform(Fixtures.key(null, map("id", 7)));

        assertEquals("7", out.getExtension("key-id"));
        assertEquals(map("id", 7), out.getKey());
    }

    @Test
    void headerFromRefusesAFieldTheStructLacks() {
        ConnectException e = assertThrows(ConnectException.class, () -> started(new HeaderFrom.Value(),
                "fields", "zz", "headers", "h", "operation", "copy").doTransform(Fixtures.value(SCHEMA, row())));
        assertTrue(e.getMessage().startsWith("HeaderFrom$Value: ") && e.getMessage().contains("\"zz\""), e.getMessage());
    }

    @Test
    void headerFromRefusesBadConfigs() {
        assertEquals("headers", refused(new HeaderFrom.Value(), "fields", "a,b", "headers", "x", "operation", "copy"));
        assertEquals("operation", refused(new HeaderFrom.Value(), "fields", "a", "headers", "x", "operation", "COPY"));
        assertEquals("operation", refused(new HeaderFrom.Value(), "fields", "a", "headers", "x"));
        assertEquals("headers", refused(new HeaderFrom.Value(), "fields", "a", "headers", "topic", "operation", "copy"));
        assertEquals("fields", refused(new HeaderFrom.Value(), "headers", "x", "operation", "copy"));
    }

    @Test
    void insertHeaderSetsTheLiteral() {
        ConnectRecord in = Fixtures.value(null, "v");

        ConnectRecord out = started(new InsertHeader(), "header", "source", "value.literal", "erp system").doTransform(in);

        assertEquals("erp system", out.getExtension("source"));
        assertEquals("t-1", out.getExtension("trace"));
        assertFalse(extensions(in).containsKey("source"));
        assertEquals("new", started(new InsertHeader(), "header", "trace", "value.literal", "new").doTransform(in)
                .getExtension("trace"), "it replaces a header of the same name");
    }

    @Test
    void headerTransformsLeaveAStructValueAlone() {
        Struct value = row();
        ConnectRecord in = Fixtures.value(SCHEMA, value);

        ConnectRecord inserted = started(new InsertHeader(), "header", "h", "value.literal", "1").doTransform(in);
        ConnectRecord dropped = started(new DropHeaders(), "headers", "trace").doTransform(in);

        assertSame(value, inserted.getData());
        assertEquals(SCHEMA, inserted.getSchema());
        assertSame(value, dropped.getData());
        assertFalse(extensions(dropped).containsKey("trace"));
    }

    @Test
    void insertHeaderRefusesBadConfigs() {
        assertEquals("value.literal", refused(new InsertHeader(), "header", "h"));
        assertEquals("header", refused(new InsertHeader(), "value.literal", "v"));
        assertEquals("header", refused(new InsertHeader(), "header", "topic", "value.literal", "v"));
    }

    @Test
    void dropHeadersRemovesTheNamedHeadersButNotTheTopic() {
        ConnectRecord in = Fixtures.value(null, "v");
        in.addExtension("keep", "k");

        ConnectRecord out = started(new DropHeaders(), "headers", "trace,absent").doTransform(in);

        assertEquals(Map.of(RecordTopic.EXTENSION, "orders", "keep", "k"), extensions(out));
        assertEquals("t-1", in.getExtension("trace"));
        assertEquals("v", out.getData());
    }

    @Test
    void dropHeadersRefusesBadConfigs() {
        assertEquals("headers", refused(new DropHeaders()));
        assertEquals("headers", refused(new DropHeaders(), "headers", "a,topic"));
    }

    private static String refused(ConfiguredTransform<?> transform, String... keysAndValues) {
        return assertThrows(ConfigException.class, () -> transform.validate(config(keysAndValues))).key();
    }

    @Test
    void aliases() {
        assertEquals("org.apache.kafka.connect.transforms.HeaderFrom$Value", HeaderFrom.Value.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.HeaderFrom$Key", HeaderFrom.Key.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.InsertHeader", InsertHeader.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.DropHeaders", DropHeaders.class.getAnnotation(Aliases.class).value()[0]);
    }
}
