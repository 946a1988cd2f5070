package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.Struct;

import java.util.Map;

/**
 * The shapes a field transform needs its key or value in: a {@code java.util.Map} when schemaless, a
 * {@link Struct} of a struct schema otherwise. Anything else is a {@link TransformFailure}.
 */
final class ValueShape {

    private ValueShape() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String transform) {
        if (!(value instanceof Map)) {
            throw new TransformFailure(transform, "a schemaless key or value must be a java.util.Map, found " + typeOf(value));
        }
        return (Map<String, Object>) value;
    }

    static Struct struct(Object value, Schema schema, String transform) {
        if (!SchemaCopy.isStruct(schema)) {
            throw new TransformFailure(transform, "works on STRUCT schemas, found " + schema.getFieldType());
        }
        if (!(value instanceof Struct struct)) {
            throw new TransformFailure(transform, "a key or value with a STRUCT schema must be a Struct, found " + typeOf(value));
        }
        return struct;
    }

    static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
