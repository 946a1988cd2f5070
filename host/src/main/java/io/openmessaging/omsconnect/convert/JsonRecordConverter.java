package io.openmessaging.omsconnect.convert;

import io.openmessaging.omsconnect.api.config.ConfigDeclaring;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.Width;
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
public class JsonRecordConverter implements RecordConverter, ConfigDeclaring {
    private static final byte[] SCHEMA_FIELD = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_FIELD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NO_SCHEMA_PREFIX = "{\"schema\":null,\"payload\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NONE = new byte[0];

    private boolean schemasEnabled = true;
    // Records of one connector nearly always share one schema: the envelope up to the payload,
    // {"schema":<its JSON>,"payload":, is rendered once and parsed once. One converter instance serves one
    // task thread, so plain fields do.
    private Schema lastWrittenSchema;
    private int lastWrittenSchemaHash;
    private boolean lastWrittenSchemaChecked;
    private boolean batchScoped;
    private byte[] lastWrittenPrefix;
    private JSONObject lastReadSchemaJson;
    private byte[] lastReadPrefix;
    private Schema lastReadSchema;

    private static final String SCHEMAS_ENABLE = "schemas.enable";
    private static final ConfigDef CONFIG = new ConfigDef().define(ConfigKey.builder(SCHEMAS_ENABLE).type(ConfigType.BOOLEAN)
            .defaultValue(true).importance(Importance.HIGH).group("Schemas").width(Width.SHORT).displayName("Enable Schemas")
            .documentation("Write each record as {\"schema\", \"payload\"} and read it so (Kafka's JsonConverter "
                    + "envelope); false: the payload alone.").build());

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object v = configs.get(SCHEMAS_ENABLE);
        if (v != null) {
            schemasEnabled = Boolean.parseBoolean(v.toString());
        }
    }

    /**
     * The records converted from now on come from a new batch. {@code Schema} has setters, so a cached schema
     * JSON is valid only while its schema object hashes the same; hashing a schema costs more than writing a
     * small record, so it is checked once a batch: a connector can change a schema only between batches,
     * while it builds the next one. (A caller that runs code between records of a batch that may change
     * schemas, transforms, calls this before each record.) Until the first call, every record is checked.
     */
    public void newBatch() {
        batchScoped = true;
        lastWrittenSchemaChecked = false;
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        Object payload = ConnectJson.toJson(schema, value);
        byte[] prefix = schemasEnabled ? envelopePrefix(schema) : NONE;
        int suffix = schemasEnabled ? 1 : 0;
        byte[] plain = payload instanceof String text ? PlainJsonString.utf8IfPlain(text) : null;
        byte[] payloadJson = plain != null ? null : JSON.toJSONBytes(payload, JSONWriter.Feature.WriteNulls);
        int payloadLength = plain != null ? plain.length + 2 : payloadJson.length;
        byte[] out = new byte[prefix.length + payloadLength + suffix];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        if (plain != null) {
            out[prefix.length] = '"';
            System.arraycopy(plain, 0, out, prefix.length + 1, plain.length);
            out[prefix.length + 1 + plain.length] = '"';
        } else {
            System.arraycopy(payloadJson, 0, out, prefix.length, payloadLength);
        }
        if (suffix == 1) {
            out[out.length - 1] = '}';
        }
        return out;
    }

    /** {@code {"schema":<schema JSON>,"payload":} for {@code schema}, rendered when the schema changed. */
    private byte[] envelopePrefix(Schema schema) {
        if (schema == null) {
            return NO_SCHEMA_PREFIX;
        }
        if (schema == lastWrittenSchema && batchScoped && lastWrittenSchemaChecked) {
            return lastWrittenPrefix;
        }
        int hash = schema.hashCode();
        if (schema != lastWrittenSchema || hash != lastWrittenSchemaHash) {
            lastWrittenPrefix = prefix(JSON.toJSONBytes(SchemaJson.toJson(schema), JSONWriter.Feature.WriteNulls));
            lastWrittenSchema = schema;
            lastWrittenSchemaHash = hash;
        }
        lastWrittenSchemaChecked = true;
        return lastWrittenPrefix;
    }

    private static byte[] prefix(byte[] schemaJson) {
        byte[] prefix = new byte[SCHEMA_FIELD.length + schemaJson.length + PAYLOAD_FIELD.length];
        System.arraycopy(SCHEMA_FIELD, 0, prefix, 0, SCHEMA_FIELD.length);
        System.arraycopy(schemaJson, 0, prefix, SCHEMA_FIELD.length, schemaJson.length);
        System.arraycopy(PAYLOAD_FIELD, 0, prefix, SCHEMA_FIELD.length + schemaJson.length, PAYLOAD_FIELD.length);
        return prefix;
    }

    private Schema schemaOf(JSONObject json) {
        if (json == null) {
            return null;
        }
        if (!json.equals(lastReadSchemaJson)) {
            lastReadSchema = SchemaJson.fromJson(json);
            lastReadSchemaJson = json;
            lastReadPrefix = prefix(JSON.toJSONBytes(json, JSONWriter.Feature.WriteNulls));
        }
        return lastReadSchema;
    }

    /**
     * The fast path: a message that is byte for byte {@code {"schema":<the last schema read>,"payload":…}}
     * (what this converter writes) needs only its payload parsed, and a plain string payload not even that.
     * Anything else returns null and takes the full parse, which also reports errors.
     */
    private SchemaAndValue withLastSchema(byte[] value) {
        byte[] prefix = lastReadPrefix;
        if (prefix == null) {
            return null;
        }
        int payloadStart = prefix.length;
        if (value.length <= payloadStart || value[value.length - 1] != '}'
                || !Arrays.equals(value, 0, payloadStart, prefix, 0, payloadStart)) {
            return null;
        }
        String plain = PlainJsonString.read(value, payloadStart, value.length - 1);
        if (plain != null) {
            return new SchemaAndValue(lastReadSchema, ConnectJson.fromJson(lastReadSchema, plain));
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
        } else {
            String plain = PlainJsonString.read(value, 0, value.length);
            if (plain != null) {
                return new SchemaAndValue(null, plain);
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
