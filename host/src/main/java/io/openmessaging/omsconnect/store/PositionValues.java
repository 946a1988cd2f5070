package io.openmessaging.omsconnect.store;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Positions to and from JSON, and with the Java types connectors wrote: JSON has one number type, so an
 * offset written as a {@code Long} would otherwise come back as an {@code Integer} when small, and a
 * connector casting to {@code Long} would fail after a restart. Integral numbers become {@code Long},
 * decimals {@code Double}, as Kafka Connect's JSON offset store does.
 */
public final class PositionValues {
    private PositionValues() {
    }

    /** {@code [{"partition": {...}, "offset": {...}}]}; a null offset (a removal) is written as null. */
    public static JSONArray toJson(Map<RecordPartition, RecordOffset> positions) {
        JSONArray arr = new JSONArray();
        positions.forEach((p, o) -> {
            JSONObject e = new JSONObject();
            e.put("partition", p.getPartition());
            e.put("offset", o == null ? null : o.getOffset());
            arr.add(e);
        });
        return arr;
    }

    /** The reverse of {@link #toJson}, values normalized; a null offset comes back as a null value. */
    public static Map<RecordPartition, RecordOffset> fromJson(JSONArray arr) {
        Map<RecordPartition, RecordOffset> out = new LinkedHashMap<>();
        for (int i = 0; i < arr.size(); i++) {
            JSONObject e = arr.getJSONObject(i);
            JSONObject offset = e.getJSONObject("offset");
            out.put(new RecordPartition(normalize(e.getJSONObject("partition"))),
                    offset == null ? null : new RecordOffset(normalize(offset)));
        }
        return out;
    }

    public static Map<String, Object> normalize(Map<String, ?> raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, normalizeValue(v)));
        return out;
    }

    private static Object normalizeValue(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> nested = new LinkedHashMap<>();
            m.forEach((k, x) -> nested.put(String.valueOf(k), normalizeValue(x)));
            return nested;
        }
        return v;
    }
}
