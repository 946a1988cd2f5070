package io.openmessaging.omsconnect.convert;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import com.alibaba.fastjson2.JSONWriter;
import io.openmessaging.connector.api.data.RecordConverter;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaAndValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The worker's default converter: Kafka Connect's JSON envelope {@code {"schema": …, "payload": …}}, so a
 * message can be read back into the same schema and value on the sink side whatever the queue. With
 * {@code schemas.enable=false} only the payload is written and read back schemaless. fastjson2 with no
 * autoType: only JSON's own types are ever created when parsing.
 */
public class JsonRecordConverter implements RecordConverter {
    private boolean schemasEnabled = true;

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
        JSONObject envelope = new JSONObject(2);
        envelope.put("schema", schema == null ? null : SchemaJson.toJson(schema));
        envelope.put("payload", payload);
        return JSON.toJSONBytes(envelope, JSONWriter.Feature.WriteNulls);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
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
        Schema schema = schemaJson == null ? null : SchemaJson.fromJson((JSONObject) schemaJson);
        return new SchemaAndValue(schema, ConnectJson.fromJson(schema, envelope.get("payload")));
    }
}
