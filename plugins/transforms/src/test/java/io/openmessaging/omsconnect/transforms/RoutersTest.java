package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.RecordTopic;
import io.openmessaging.omsconnect.api.config.ConfigException;
import org.junit.jupiter.api.Test;

import static io.openmessaging.omsconnect.transforms.Fixtures.config;
import static io.openmessaging.omsconnect.transforms.Fixtures.map;
import static io.openmessaging.omsconnect.transforms.Fixtures.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TimestampRouter, RegexRouter and Filter: the transforms that decide where a record goes, if anywhere. */
class RoutersTest {

    @Test
    void timestampRouterAppendsTheDayByDefault() {
        ConnectRecord in = Fixtures.value(SchemaBuilder.string().build(), "v");

        ConnectRecord out = started(new TimestampRouter()).doTransform(in);

        assertEquals("orders-20231114", RecordTopic.of(out));
        assertEquals("orders", RecordTopic.of(in), "the input keeps its topic");
        assertEquals("v", out.getData());
        assertEquals("t-1", out.getExtension("trace"));
    }

    @Test
    void timestampRouterFollowsBothFormats() {
        ConnectRecord out = started(new TimestampRouter(), "topic.format", "${timestamp}_${topic}_x",
                "timestamp.format", "yyyy-MM-dd'T'HH").doTransform(Fixtures.value(null, map()));

        assertEquals("2023-11-14T22_orders_x", RecordTopic.of(out));
    }

    @Test
    void timestampRouterNeedsATimestampAndATopic() {
        ConnectRecord noTimestamp = Fixtures.value(null, map());
        noTimestamp.setTimestamp(null);
        ConnectRecord noTopic = Fixtures.value(null, map());
        noTopic.setExtensions(null);

        ConnectException e = assertThrows(ConnectException.class, () -> started(new TimestampRouter()).doTransform(noTimestamp));
        assertTrue(e.getMessage().startsWith("TimestampRouter: "), e.getMessage());
        assertThrows(ConnectException.class, () -> started(new TimestampRouter()).doTransform(noTopic));
    }

    @Test
    void timestampRouterRefusesABadPattern() {
        assertEquals("timestamp.format", assertThrows(ConfigException.class,
                () -> new TimestampRouter().validate(config("timestamp.format", "yyyy-qq"))).key());
    }

    @Test
    void regexRouterRewritesAMatchingTopic() {
        ConnectRecord in = Fixtures.value(null, "v");

        ConnectRecord out = started(new RegexRouter(), "regex", "(.*)ers", "replacement", "$1-archive").doTransform(in);

        assertEquals("ord-archive", RecordTopic.of(out));
        assertEquals("orders", RecordTopic.of(in));
    }

    @Test
    void regexRouterKeepsKeyValueAndSchemas() {
        io.openmessaging.connector.api.data.Schema schema = SchemaBuilder.int32().build();
        ConnectRecord out = started(new RegexRouter(), "regex", "orders", "replacement", "sales")
                .doTransform(Fixtures.record(schema, 1, schema, 2));

        assertEquals("sales", RecordTopic.of(out));
        assertEquals(1, out.getKey());
        assertEquals(2, out.getData());
        assertEquals(schema, out.getSchema());
        assertEquals(Fixtures.TIMESTAMP, out.getTimestamp());
    }

    @Test
    void regexRouterLeavesOtherTopics() {
        ConnectRecord out = started(new RegexRouter(), "regex", "ord", "replacement", "x")
                .doTransform(Fixtures.value(null, "v"));

        assertEquals("orders", RecordTopic.of(out), "the regex must match the whole topic");
    }

    @Test
    void regexRouterFailsOnAGroupTheRegexHasNot() {
        ConnectException e = assertThrows(ConnectException.class, () -> started(new RegexRouter(),
                "regex", "orders", "replacement", "$2").doTransform(Fixtures.value(null, "v")));
        assertTrue(e.getMessage().startsWith("RegexRouter: replacement $2"), e.getMessage());
    }

    @Test
    void regexRouterNeedsAValidRegexAndAReplacement() {
        assertEquals("regex", assertThrows(ConfigException.class,
                () -> new RegexRouter().validate(config("regex", "(", "replacement", "x"))).key());
        assertEquals("replacement", assertThrows(ConfigException.class,
                () -> new RegexRouter().validate(config("regex", "a"))).key());
    }

    @Test
    void filterDropsEveryRecord() {
        assertNull(started(new Filter()).doTransform(Fixtures.value(null, "v")));
        assertNull(started(new Filter()).doTransform(Fixtures.value(null, null)));
        assertNull(started(new Filter()).doTransform(Fixtures.value(SchemaBuilder.string().build(), "v")));
        assertTrue(new Filter().config().keys().isEmpty());
    }

    @Test
    void aliases() {
        assertEquals("org.apache.kafka.connect.transforms.TimestampRouter",
                TimestampRouter.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.RegexRouter", RegexRouter.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.Filter", Filter.class.getAnnotation(Aliases.class).value()[0]);
    }
}
