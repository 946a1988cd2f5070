package io.openmessaging.omsconnect.convert;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.FieldType;
import io.openmessaging.connector.api.data.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A connector {@link Schema} as JSON and back, in the shape of Kafka Connect's JsonConverter schemas. */
final class SchemaJson {
    private SchemaJson() {
    }

    static JSONObject toJson(Schema schema) {
        JSONObject o = new JSONObject();
        o.put("type", schema.getFieldType().name().toLowerCase(Locale.ROOT));
        o.put("optional", schema.isOptional());
        if (schema.getName() != null) {
            o.put("name", schema.getName());
        }
        if (schema.getVersion() != null) {
            o.put("version", schema.getVersion());
        }
        if (schema.getDoc() != null) {
            o.put("doc", schema.getDoc());
        }
        if (schema.getParameters() != null && !schema.getParameters().isEmpty()) {
            o.put("parameters", schema.getParameters());
        }
        switch (schema.getFieldType()) {
            case STRUCT -> {
                JSONArray fields = new JSONArray();
                for (Field f : schema.getFields()) {
                    JSONObject fo = toJson(f.getSchema());
                    fo.put("field", f.getName());
                    fields.add(fo);
                }
                o.put("fields", fields);
            }
            case ARRAY -> o.put("items", toJson(schema.getValueSchema()));
            case MAP -> {
                o.put("keys", toJson(schema.getKeySchema()));
                o.put("values", toJson(schema.getValueSchema()));
            }
            default -> {
            }
        }
        return o;
    }

    static Schema fromJson(JSONObject o) {
        String typeName = o.getString("type");
        if (typeName == null) {
            throw new ConversionException("schema has no \"type\"");
        }
        FieldType type;
        try {
            type = FieldType.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConversionException("unknown schema type \"" + typeName + "\"");
        }
        List<Field> fields = new ArrayList<>();
        Schema keySchema = null;
        Schema valueSchema = null;
        switch (type) {
            case STRUCT -> {
                JSONArray arr = o.getJSONArray("fields");
                if (arr != null) {
                    for (int i = 0; i < arr.size(); i++) {
                        JSONObject fo = arr.getJSONObject(i);
                        fields.add(new Field(i, fo.getString("field"), fromJson(fo)));
                    }
                }
            }
            case ARRAY -> valueSchema = fromJson(required(o, "items"));
            case MAP -> {
                keySchema = fromJson(required(o, "keys"));
                valueSchema = fromJson(required(o, "values"));
            }
            default -> {
            }
        }
        JSONObject params = o.getJSONObject("parameters");
        Map<String, String> parameters = new HashMap<>();
        if (params != null) {
            params.forEach((k, v) -> parameters.put(k, String.valueOf(v)));
        }
        return new Schema(o.getString("name"), type, o.getBooleanValue("optional"), null, o.getInteger("version"),
                o.getString("doc"), fields, keySchema, valueSchema, parameters);
    }

    private static JSONObject required(JSONObject o, String key) {
        JSONObject v = o.getJSONObject(key);
        if (v == null) {
            throw new ConversionException("schema of type " + o.getString("type") + " has no \"" + key + "\"");
        }
        return v;
    }
}
