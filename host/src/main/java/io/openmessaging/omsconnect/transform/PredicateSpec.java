package io.openmessaging.omsconnect.transform;

import io.openmessaging.omsconnect.worker.ConnectorConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One predicate of a connector config, as Kafka Connect writes it (KIP-585): {@code predicates=<a>},
 * {@code predicates.<a>.type=<class>} and its own keys under {@code predicates.<a>.}.
 *
 * @param className null when {@code .type} is not given
 * @param ownConfig the predicate's own keys, prefix removed
 */
public record PredicateSpec(String alias, String className, Map<String, String> ownConfig) {

    /** Every predicate the config lists, in order. */
    public static List<PredicateSpec> of(ConnectorConfig config) {
        List<PredicateSpec> specs = new ArrayList<>();
        for (String alias : config.predicateAliases()) {
            String prefix = prefix(alias);
            Map<String, String> own = new LinkedHashMap<>(config.subConfig(prefix));
            own.remove("type");
            specs.add(new PredicateSpec(alias, TransformSpec.trimmedOrNull(config.asMap().get(prefix + "type")), Map.copyOf(own)));
        }
        return specs;
    }

    /** The key naming the predicate's class. */
    public String classKey() {
        return prefix(alias) + "type";
    }

    public String prefix() {
        return prefix(alias);
    }

    private static String prefix(String alias) {
        return "predicates." + alias + ".";
    }
}
