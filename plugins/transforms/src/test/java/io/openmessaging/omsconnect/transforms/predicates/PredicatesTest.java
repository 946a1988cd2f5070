package io.openmessaging.omsconnect.transforms.predicates;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.Predicate;
import io.openmessaging.omsconnect.api.RecordTopic;
import io.openmessaging.omsconnect.api.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredicatesTest {

    private static KeyValue config(String... keysAndValues) {
        KeyValue config = new DefaultKeyValue();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private static <P extends Predicate> P started(P predicate, String... keysAndValues) {
        predicate.validate(config(keysAndValues));
        predicate.start(config(keysAndValues));
        return predicate;
    }

    private static ConnectRecord record(String topic, Object value) {
        ConnectRecord record = new ConnectRecord(new RecordPartition(Map.of("q", 1)), new RecordOffset(Map.of("o", 1L)),
                1L, null, "key", value == null ? null : SchemaBuilder.string().build(), value);
        if (topic != null) {
            RecordTopic.set(record, topic);
        }
        return record;
    }

    @Test
    void topicNameMatchesTheWholeTopic() {
        TopicNameMatches isFoo = started(new TopicNameMatches(), "pattern", "foo.*");

        assertTrue(isFoo.test(record("foo", "v")));
        assertTrue(isFoo.test(record("foo-bar", "v")));
        assertFalse(isFoo.test(record("barfoo", "v")));
        assertFalse(isFoo.test(record(null, "v")), "a record without topic matches no pattern");
    }

    @Test
    void topicNameMatchesNeedsAValidPattern() {
        assertEquals("pattern", assertThrows(ConfigException.class, () -> new TopicNameMatches().validate(config())).key());
        assertEquals("pattern", assertThrows(ConfigException.class,
                () -> new TopicNameMatches().validate(config("pattern", "foo("))).key());
    }

    @Test
    void hasHeaderKeyLooksAtTheExtensions() {
        HasHeaderKey hasTrace = started(new HasHeaderKey(), "name", "trace");
        ConnectRecord traced = record("t", "v");
        traced.addExtension("trace", "1");

        assertTrue(hasTrace.test(traced));
        assertFalse(hasTrace.test(record("t", "v")));
        ConnectRecord noExtensions = record(null, "v");
        noExtensions.setExtensions(null);
        assertFalse(hasTrace.test(noExtensions));
    }

    @Test
    void hasHeaderKeyNeedsAHeaderName() {
        assertEquals("name", assertThrows(ConfigException.class, () -> new HasHeaderKey().validate(config())).key());
        assertEquals("name", assertThrows(ConfigException.class,
                () -> new HasHeaderKey().validate(config("name", "topic"))).key(), "the topic extension is no header");
    }

    @Test
    void recordIsTombstoneWhenTheValueIsNull() {
        RecordIsTombstone tombstone = started(new RecordIsTombstone());

        assertTrue(tombstone.test(record("t", null)));
        assertFalse(tombstone.test(record("t", "v")));
        assertTrue(tombstone.config().keys().isEmpty());
    }

    @Test
    void predicatesMustBeStarted() {
        assertThrows(IllegalStateException.class, () -> new TopicNameMatches().test(record("t", "v")));
        assertThrows(IllegalStateException.class, () -> new HasHeaderKey().test(record("t", "v")));
    }

    @Test
    void aliases() {
        assertEquals("org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
                TopicNameMatches.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.predicates.HasHeaderKey",
                HasHeaderKey.class.getAnnotation(Aliases.class).value()[0]);
        assertEquals("org.apache.kafka.connect.transforms.predicates.RecordIsTombstone",
                RecordIsTombstone.class.getAnnotation(Aliases.class).value()[0]);
    }
}
