package io.openmessaging.omsconnect.transforms;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.Transform;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.api.RecordTopic;

import java.util.LinkedHashMap;
import java.util.Map;

/** Records and configs the transform tests share: a sink record of topic "orders" with one header. */
final class Fixtures {
    static final long TIMESTAMP = 1_700_000_000_123L;
    static final String TOPIC = "orders";

    private Fixtures() {
    }

    /** A config of key, value, key, value ... */
    static KeyValue config(String... keysAndValues) {
        KeyValue config = new DefaultKeyValue();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    static <T extends Transform<ConnectRecord>> T started(T transform, String... keysAndValues) {
        transform.validate(config(keysAndValues));
        transform.start(config(keysAndValues));
        return transform;
    }

    static ConnectRecord record(Schema keySchema, Object key, Schema valueSchema, Object value) {
        ConnectRecord record = new ConnectRecord(
                new RecordPartition(Map.of("topic", TOPIC, "brokerName", "local", "queueId", "0")),
                new RecordOffset(Map.of("messageId", "m-1", "queueOffset", "42")),
                TIMESTAMP, keySchema, key, valueSchema, value);
        RecordTopic.set(record, TOPIC);
        record.addExtension("trace", "t-1");
        return record;
    }

    static ConnectRecord value(Schema schema, Object value) {
        return record(null, null, schema, value);
    }

    static ConnectRecord key(Schema schema, Object key) {
        return record(schema, key, null, null);
    }

    /** A mutable map of name, value, name, value ... (values may be null). */
    static Map<String, Object> map(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** The record's extensions as a map. */
    static Map<String, String> extensions(ConnectRecord record) {
        Map<String, String> out = new LinkedHashMap<>();
        if (record.getExtensions() != null) {
            record.getExtensions().keySet().forEach(k -> out.put(k, record.getExtensions().getString(k)));
        }
        return out;
    }
}
