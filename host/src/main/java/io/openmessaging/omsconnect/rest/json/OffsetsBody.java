package io.openmessaging.omsconnect.rest.json;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.rest.entity.ConnectorOffsets;
import io.openmessaging.omsconnect.rest.http.HttpError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka Connect's alter-offsets body {@code {"offsets": [{"partition": {...}, "offset": {...} | null}]}},
 * read field by field (no reflective binding of untrusted input). Partition and offset values must be
 * scalars: the OMS connector API's positions are flat maps.
 */
public final class OffsetsBody {
    private OffsetsBody() {
    }

    public static ConnectorOffsets from(JSONObject json) {
        Object offsets = json.get("offsets");
        if (!(offsets instanceof JSONArray list) || list.isEmpty()) {
            throw HttpError.badRequest("offsets", "'offsets' must be a non-empty array of {\"partition\", \"offset\"}");
        }
        List<ConnectorOffsets.PartitionOffset> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "offsets[" + i + "]";
            if (!(list.get(i) instanceof JSONObject entry)) {
                throw HttpError.badRequest(at, at + " must be an object");
            }
            Map<String, Object> partition = flatMap(entry.get("partition"), at + ".partition", false);
            Map<String, Object> offset = flatMap(entry.get("offset"), at + ".offset", true);
            result.add(new ConnectorOffsets.PartitionOffset(partition, offset));
        }
        return new ConnectorOffsets(result);
    }

    private static Map<String, Object> flatMap(Object value, String field, boolean nullable) {
        if (value == null && nullable) {
            return null;
        }
        if (!(value instanceof JSONObject object)) {
            throw HttpError.badRequest(field, field + " must be an object" + (nullable ? " or null" : ""));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((k, v) -> {
            if (v instanceof Map || v instanceof List) {
                throw HttpError.badRequest(field, field + "." + k + " must be a string, number, boolean or null");
            }
            map.put(k, v);
        });
        return map;
    }
}
