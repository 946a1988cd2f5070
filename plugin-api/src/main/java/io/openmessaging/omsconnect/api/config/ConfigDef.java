package io.openmessaging.omsconnect.api.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The declared keys of one config (a worker's, a connector's, a transform's), in the spirit of Kafka's
 * {@code ConfigDef}: the one place that says what a key is called, what it holds and what it defaults to.
 * {@link #parse} reads a config with it; UIs and the validation route show {@link #keys()}. Keys a config
 * holds that are not declared here pass through untouched ({@link ParsedConfig#originals()}).
 */
public final class ConfigDef {
    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();
    /** every spelling → the key's name */
    private final Map<String, String> names = new HashMap<>();
    private final Set<String> groups = new LinkedHashSet<>();

    /**
     * Adds a key. One in a group with no order of its own comes after the keys of its group defined before.
     *
     * @throws IllegalStateException when one of its spellings is taken
     */
    public ConfigDef define(ConfigKey key) {
        ConfigKey placed = key;
        if (key.group() != null) {
            groups.add(key.group());
            if (key.orderInGroup() < 0) {
                int order = (int) keys.values().stream().filter(k -> key.group().equals(k.group())).count() + 1;
                placed = key.withOrderInGroup(order);
            }
        }
        for (String spelling : placed.spellings()) {
            String taken = names.putIfAbsent(spelling, placed.name());
            if (taken != null) {
                throw new IllegalStateException("config key " + spelling + " is defined twice (" + taken + ", " + placed.name() + ")");
            }
        }
        keys.put(placed.name(), placed);
        return this;
    }

    /** Adds every key of {@code other}, in its order. */
    public ConfigDef defineAll(ConfigDef other) {
        other.keys().forEach(this::define);
        return this;
    }

    /** The keys in definition order. */
    public List<ConfigKey> keys() {
        return List.copyOf(keys.values());
    }

    /** The groups in the order their first key was defined. */
    public List<String> groups() {
        return List.copyOf(groups);
    }

    /** The key spelled {@code spelling} (its name or an alias). */
    public Optional<ConfigKey> key(String spelling) {
        String name = names.get(spelling);
        return name == null ? Optional.empty() : Optional.of(keys.get(name));
    }

    /**
     * Reads {@code config} (the text values a user gave) with these definitions. Never throws for a bad
     * value: every problem is in {@link ParsedConfig#errors()}, on the key as the user spelled it. A key
     * given under several spellings takes the first in {@link ConfigKey#spellings()} order; a blank value
     * counts as absent (RocketMQ Connect's sample connectors set unset keys to "").
     */
    public ParsedConfig parse(Map<String, String> config) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> spelled = new LinkedHashMap<>();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConfigKey key : keys.values()) {
            String spelling = null;
            String text = null;
            for (String candidate : key.spellings()) {
                String v = config.get(candidate);
                if (v != null && !v.isBlank()) {
                    spelling = candidate;
                    text = v;
                    break;
                }
            }
            spelled.put(key.name(), spelling == null ? key.name() : spelling);
            if (text == null) {
                if (key.required()) {
                    errors.computeIfAbsent(key.name(), k -> new ArrayList<>())
                            .add("Missing required configuration \"" + key.name() + "\" which has no default value.");
                } else {
                    values.put(key.name(), key.defaultValue());
                }
                continue;
            }
            Object value;
            try {
                value = key.type().parse(text);
            } catch (IllegalArgumentException e) {
                errors.computeIfAbsent(key.name(), k -> new ArrayList<>()).add(invalid(spelling, text, key, e.getMessage()));
                continue;
            }
            String problem = key.validator() == null ? null : key.validator().problemWith(value);
            if (problem != null) {
                errors.computeIfAbsent(key.name(), k -> new ArrayList<>()).add(invalid(spelling, text, key, problem));
                continue;
            }
            values.put(key.name(), value);
        }
        return new ParsedConfig(this, Collections.unmodifiableMap(values), Collections.unmodifiableMap(spelled),
                Collections.unmodifiableMap(errors), Map.copyOf(withoutNulls(config)));
    }

    private static String invalid(String spelling, String text, ConfigKey key, String problem) {
        String shown = key.type() == ConfigType.PASSWORD ? "[hidden]" : text;
        return "Invalid value " + shown + " for configuration " + spelling + ": " + problem;
    }

    private static Map<String, String> withoutNulls(Map<String, String> config) {
        Map<String, String> out = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
