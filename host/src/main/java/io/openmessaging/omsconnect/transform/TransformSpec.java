package io.openmessaging.omsconnect.transform;

import io.openmessaging.omsconnect.worker.ConnectorConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One transform of a connector config, as written: Kafka Connect's {@code transforms.<a>.type} (or the
 * seed's {@code transforms.<a>.class}, or RocketMQ Connect's {@code transforms-<a>-class}) with its own
 * keys under the same prefix, and KIP-585's {@code transforms.<a>.predicate} / {@code .negate}.
 *
 * @param classKey  the key naming the class, as spelled (where errors about the class land)
 * @param className null when no class key is given
 * @param negateText the text of {@code .negate}, null when absent
 * @param ownConfig the transform's own keys, prefix removed
 */
public record TransformSpec(String alias, String classKey, String className, String prefix, String predicate,
                            String negateText, Map<String, String> ownConfig) {
    private static final Set<String> RESERVED = Set.of("type", "class", "predicate", "negate");

    /** Every transform the config lists, in order. */
    public static List<TransformSpec> of(ConnectorConfig config) {
        List<TransformSpec> specs = new ArrayList<>();
        Map<String, String> all = config.asMap();
        for (String alias : config.transformAliases()) {
            String prefix = "transforms." + alias + ".";
            String classKey = prefix + "type";
            if (blank(all.get(classKey)) && !blank(all.get(prefix + "class"))) {
                classKey = prefix + "class";
            } else if (blank(all.get(classKey)) && !blank(all.get("transforms-" + alias + "-class"))) {
                prefix = "transforms-" + alias + "-";
                classKey = prefix + "class";
            }
            Map<String, String> own = new LinkedHashMap<>(config.subConfig(prefix));
            own.keySet().removeAll(RESERVED);
            String className = all.get(classKey);
            specs.add(new TransformSpec(alias, classKey, blank(className) ? null : className.trim(), prefix,
                    trimmedOrNull(all.get("transforms." + alias + ".predicate")),
                    trimmedOrNull(all.get("transforms." + alias + ".negate")), Map.copyOf(own)));
        }
        return specs;
    }

    /** The key of {@code .predicate} / {@code .negate} errors. */
    public String key(String suffix) {
        return "transforms." + alias + "." + suffix;
    }

    /**
     * Whether the transform applies where its predicate does not hold.
     *
     * @throws IllegalArgumentException when {@code .negate} is neither true nor false
     */
    public boolean negate() {
        if (negateText == null) {
            return false;
        }
        if (!negateText.equalsIgnoreCase("true") && !negateText.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("Invalid value " + negateText + " for configuration " + key("negate")
                    + ": expected true or false");
        }
        return Boolean.parseBoolean(negateText);
    }

    static boolean blank(String v) {
        return v == null || v.isBlank();
    }

    static String trimmedOrNull(String v) {
        return blank(v) ? null : v.trim();
    }
}
