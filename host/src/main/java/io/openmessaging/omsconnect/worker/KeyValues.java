package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.internal.DefaultKeyValue;

import java.util.LinkedHashMap;
import java.util.Map;

/** Configs cross the connector API as OMS {@link KeyValue}s and are stored as string maps. */
public final class KeyValues {
    private KeyValues() {
    }

    public static KeyValue of(Map<String, String> map) {
        KeyValue kv = new DefaultKeyValue();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                kv.put(k, v);
            }
        });
        return kv;
    }

    public static Map<String, String> toMap(KeyValue kv) {
        Map<String, String> map = new LinkedHashMap<>();
        if (kv != null) {
            for (String k : kv.keySet()) {
                map.put(k, kv.getString(k));
            }
        }
        return map;
    }
}
