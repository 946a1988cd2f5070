package io.openmessaging.omsconnect.convert;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import com.alibaba.fastjson2.JSONReader;
import com.alibaba.fastjson2.JSONWriter;
import io.openmessaging.connector.api.data.RecordConverter;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaAndValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The worker's default converter: Kafka Connect's JSON envelope {@code {"schema": …, "payload": …}}, so a
 * message can be read back into the same schema and value on the sink side whatever the queue. With
 * {@code schemas.enable=false} only the payload is written and read back schemaless. fastjson2 with no
 * autoType: only JSON's own types are ever created when parsing.
 */
public class JsonRecordConverter implements RecordConverter {
    private boolean schemasEnabled = true;
    // Records of one connector nearly always share one schema: its JSON is rendered once and parsed once.
    // One converter instance serves one task thread, so plain fields do.
    private Schema lastWrittenSchema;
    private int lastWrittenSchemaHash;
    private byte[] lastWrittenSchemaJson;
    private JSONObject lastReadSchemaJson;
    private byte[] lastReadSchemaBytes;
    private Schema lastReadSchema;

    @Override
    public void configure(Map<String, ?> configs) {
        Object v = configs.get("schemas.enable");
        if (v != null) {
            schemasEnabled = Boolean.parseBoolean(v.toString());
        }
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        Object payload = ConnectJson.toJson(schema, value);
        if (!schemasEnabled) {
            return JSON.toJSONBytes(payload, JSONWriter.Feature.WriteNulls);
        }
        byte[] schemaJson = schemaJson(schema);
        byte[] payloadJson = JSON.toJSONBytes(payload, JSONWriter.Feature.WriteNulls);
        byte[] out = new byte[SCHEMA_FIELD.length + schemaJson.length + PAYLOAD_FIELD.length + payloadJson.length + 1];
        int at = 0;
        System.arraycopy(SCHEMA_FIELD, 0, out, at, SCHEMA_FIELD.length);
        at += SCHEMA_FIELD.length;
        System.arraycopy(schemaJson, 0, out, at, schemaJson.length);
        at += schemaJson.length;
        System.arraycopy(PAYLOAD_FIELD, 0, out, at, PAYLOAD_FIELD.length);
        at += PAYLOAD_FIELD.length;
        System.arraycopy(payloadJson, 0, out, at, payloadJson.length);
        out[out.length - 1] = '}';
        return out;
    }

    private static final byte[] SCHEMA_FIELD = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_FIELD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

    private byte[] schemaJson(Schema schema) {
        if (schema == null) {
            return NULL;
        }
        // Schema has setters: a connector may change one in place, so the same object must also hash the same
        int hash = schema.hashCode();
        if (schema != lastWrittenSchema || hash != lastWrittenSchemaHash) {
            lastWrittenSchemaJson = JSON.toJSONBytes(SchemaJson.toJson(schema), JSONWriter.Feature.WriteNulls);
            lastWrittenSchema = schema;
            lastWrittenSchemaHash = hash;
        }
        return lastWrittenSchemaJson;
    }

    private Schema schemaOf(JSONObject json) {
        if (json == null) {
            return null;
        }
        if (!json.equals(lastReadSchemaJson)) {
            lastReadSchema = SchemaJson.fromJson(json);
            lastReadSchemaJson = json;
            lastReadSchemaBytes = JSON.toJSONBytes(json, JSONWriter.Feature.WriteNulls);
        }
        return lastReadSchema;
    }

    /**
     * The fast path: a message that is byte for byte {@code {"schema":<the last schema read>,"payload":…}}
     * (what this converter writes) needs only its payload parsed. Anything else returns null and takes the
     * full parse, which also reports errors.
     */
    private SchemaAndValue withLastSchema(byte[] value) {
        byte[] schema = lastReadSchemaBytes;
        if (schema == null) {
            return null;
        }
        int payloadStart = SCHEMA_FIELD.length + schema.length + PAYLOAD_FIELD.length;
        if (value.length <= payloadStart || value[value.length - 1] != '}'
                || !Arrays.equals(value, 0, SCHEMA_FIELD.length, SCHEMA_FIELD, 0, SCHEMA_FIELD.length)
                || !Arrays.equals(value, SCHEMA_FIELD.length, SCHEMA_FIELD.length + schema.length, schema, 0, schema.length)
                || !Arrays.equals(value, SCHEMA_FIELD.length + schema.length, payloadStart, PAYLOAD_FIELD, 0, PAYLOAD_FIELD.length)) {
            return null;
        }
        try (JSONReader reader = JSONReader.of(value, payloadStart, value.length - 1 - payloadStart, StandardCharsets.UTF_8)) {
            Object payload = reader.readAny();
            if (!reader.isEnd()) {
                return null;
            }
            return new SchemaAndValue(lastReadSchema, ConnectJson.fromJson(lastReadSchema, payload));
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        if (schemasEnabled) {
            SchemaAndValue fast = withLastSchema(value);
            if (fast != null) {
                return fast;
            }
        }
        Object parsed;
        try {
            parsed = JSON.parse(new String(value, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ConversionException("message on " + topic + " is not JSON: " + e.getMessage(), e);
        }
        if (!schemasEnabled) {
            return new SchemaAndValue(null, ConnectJson.fromJson(null, parsed));
        }
        if (!(parsed instanceof JSONObject envelope) || !envelope.containsKey("payload")
                || !(envelope.containsKey("schema"))) {
            throw new ConversionException("message on " + topic
                    + " has no {\"schema\", \"payload\"} envelope (set schemas.enable=false for plain JSON)");
        }
        Object schemaJson = envelope.get("schema");
        if (schemaJson != null && !(schemaJson instanceof JSONObject)) {
            throw new ConversionException("message on " + topic + " has a \"schema\" that is not an object");
        }
        Schema schema = schemaOf((JSONObject) schemaJson);
        return new SchemaAndValue(schema, ConnectJson.fromJson(schema, envelope.get("payload")));
    }
}
