package io.openmessaging.omsconnect.rest.json;

import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.rest.http.HttpError;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connector config as Kafka Connect and RocketMQ Connect accept it: a JSON object whose values are strings;
 * numbers and booleans become their text (as Jackson does for Kafka); an object or array value becomes its
 * JSON text, as RocketMQ Connect stores it (its Kafka-connector adapter nests the Kafka connector's config in
 * {@code kafka.connector.configs}); a null is refused naming the key.
 */
public final class ConfigBody {
    private ConfigBody() {
    }

    public static Map<String, String> from(JSONObject json) {
        return read(json, false);
    }

    /**
     * A config patch (Kafka's {@code PATCH /connectors/{c}/config}, KIP-477): as {@link #from}, and a
     * JSON null removes the key (the map holds it with a null value).
     */
    public static Map<String, String> patch(JSONObject json) {
        return read(json, true);
    }

    private static Map<String, String> read(JSONObject json, boolean nullRemoves) {
        Map<String, String> config = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isBlank()) {
                throw HttpError.badRequest("config", "config keys must not be empty");
            }
            config.put(key, nullRemoves && e.getValue() == null ? null : text(key, e.getValue()));
        }
        return config;
    }

    private static String text(String key, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map || value instanceof java.util.List) {
            return com.alibaba.fastjson2.JSON.toJSONString(value);
        }
        throw HttpError.badRequest(key, "config value of '" + key + "' must be a string, number, boolean, object or "
                + "array, not null");
    }
}
