package io.openmessaging.omsconnect.store;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives positions read back from JSON the Java types connectors wrote: JSON has one number type, so an
 * offset written as a {@code Long} would otherwise come back as an {@code Integer} when small, and a
 * connector casting to {@code Long} would fail after a restart. Integral numbers become {@code Long},
 * decimals {@code Double}, as Kafka Connect's JSON offset store does.
 */
public final class PositionValues {
    private PositionValues() {
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
