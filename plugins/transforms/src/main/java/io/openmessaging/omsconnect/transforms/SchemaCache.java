package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.Schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The schemas a transform derived from the last few input schemas, so that records of one schema get one
 * derived schema object rather than a new one each (as Kafka's transforms keep 16 in an LRU cache). Used
 * from the task's thread only.
 */
final class SchemaCache {
    private static final int SIZE = 16;

    private final Map<Schema, Schema> derived = new LinkedHashMap<>(SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Schema, Schema> eldest) {
            return size() > SIZE;
        }
    };

    Schema get(Schema source, UnaryOperator<Schema> derive) {
        Schema known = derived.get(source);
        if (known == null) {
            known = derive.apply(source);
            derived.put(source, known);
        }
        return known;
    }
}
