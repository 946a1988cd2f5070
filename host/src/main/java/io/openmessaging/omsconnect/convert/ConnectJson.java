package io.openmessaging.omsconnect.convert;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.connector.api.data.logical.Date;
import io.openmessaging.connector.api.data.logical.Decimal;
import io.openmessaging.connector.api.data.logical.Time;
import io.openmessaging.connector.api.data.logical.Timestamp;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connect values as JSON values and back, guided by the schema: bytes as base64, decimals as their
 * exact decimal string, dates/times/timestamps as Kafka's numbers (days, millis of day, epoch millis),
 * structs as objects. Without a schema, JSON's own types pass through.
 */
final class ConnectJson {
    private ConnectJson() {
    }

    static Object toJson(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (schema == null) {
            return schemaless(value);
        }
        String logical = schema.getName();
        if (logical != null) {
            switch (logical) {
                case Decimal.LOGICAL_NAME -> {
                    return value instanceof BigDecimal d ? d.toPlainString()
                            : value instanceof byte[] b ? Decimal.toLogical(schema, b).toPlainString() : value.toString();
                }
                case Date.LOGICAL_NAME -> {
                    return value instanceof java.util.Date d ? Date.fromLogical(schema, d) : value;
                }
                case Time.LOGICAL_NAME -> {
                    return value instanceof java.util.Date d ? Time.fromLogical(schema, d) : value;
                }
                case Timestamp.LOGICAL_NAME -> {
                    return value instanceof java.util.Date d ? Timestamp.fromLogical(schema, d) : value;
                }
                default -> {
                }
            }
        }
        return switch (schema.getFieldType()) {
            case BYTES -> Base64.getEncoder().encodeToString(bytes(value));
            case STRUCT -> {
                Struct struct = (Struct) value;
                JSONObject o = new JSONObject();
                for (Field f : schema.getFields()) {
                    o.put(f.getName(), toJson(f.getSchema(), struct.get(f)));
                }
                yield o;
            }
            case ARRAY -> {
                JSONArray arr = new JSONArray();
                for (Object item : (Collection<?>) value) {
                    arr.add(toJson(schema.getValueSchema(), item));
                }
                yield arr;
            }
            case MAP -> {
                JSONObject o = new JSONObject();
                ((Map<?, ?>) value).forEach((k, v) -> o.put(String.valueOf(toJson(schema.getKeySchema(), k)),
                        toJson(schema.getValueSchema(), v)));
                yield o;
            }
            case DATETIME -> value instanceof java.util.Date d ? d.getTime() : value;
            default -> value;
        };
    }

    static Object fromJson(Schema schema, Object json) {
        if (json == null) {
            return null;
        }
        if (schema == null) {
            return json;
        }
        String logical = schema.getName();
        if (logical != null) {
            switch (logical) {
                case Decimal.LOGICAL_NAME -> {
                    return new BigDecimal(json.toString());
                }
                case Date.LOGICAL_NAME -> {
                    return Date.toLogical(schema, ((Number) json).intValue());
                }
                case Time.LOGICAL_NAME -> {
                    return Time.toLogical(schema, ((Number) json).intValue());
                }
                case Timestamp.LOGICAL_NAME -> {
                    return Timestamp.toLogical(schema, ((Number) json).longValue());
                }
                default -> {
                }
            }
        }
        return switch (schema.getFieldType()) {
            case INT8 -> ((Number) json).byteValue();
            case INT16 -> ((Number) json).shortValue();
            case INT32 -> ((Number) json).intValue();
            case INT64 -> ((Number) json).longValue();
            case FLOAT32 -> ((Number) json).floatValue();
            case FLOAT64 -> ((Number) json).doubleValue();
            case BOOLEAN -> json instanceof Boolean b ? b : Boolean.parseBoolean(json.toString());
            case STRING -> json.toString();
            case BYTES -> Base64.getDecoder().decode(json.toString());
            case DATETIME -> new java.util.Date(((Number) json).longValue());
            case STRUCT -> {
                JSONObject o = (JSONObject) json;
                Struct struct = new Struct(schema);
                for (Field f : schema.getFields()) {
                    struct.put(f, fromJson(f.getSchema(), o.get(f.getName())));
                }
                yield struct;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (Object item : (JSONArray) json) {
                    list.add(fromJson(schema.getValueSchema(), item));
                }
                yield list;
            }
            case MAP -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                ((JSONObject) json).forEach((k, v) -> map.put(fromJson(schema.getKeySchema(), k),
                        fromJson(schema.getValueSchema(), v)));
                yield map;
            }
        };
    }

    private static Object schemaless(Object value) {
        if (value instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (value instanceof ByteBuffer) {
            return Base64.getEncoder().encodeToString(bytes(value));
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof java.util.Date d) {
            return d.getTime();
        }
        if (value instanceof Struct s) {
            return toJson(s.schema(), s);
        }
        return value;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buf) {
            ByteBuffer dup = buf.duplicate();
            byte[] b = new byte[dup.remaining()];
            dup.get(b);
            return b;
        }
        return (byte[]) value;
    }
}
