package io.openmessaging.omsconnect.worker;

import io.openmessaging.omsconnect.herder.BadRequestException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A connector's config as the worker reads it. The seed's dashed names and RocketMQ Connect's dotted
 * names are the same key ({@code connector-class} = {@code connector.class}); connector-specific keys pass
 * through untouched. Getters take the dashed name first, then its dotted alias.
 */
public final class ConnectorConfig {
    public static final String CONNECTOR_CLASS = "connector-class";
    public static final String OMS_DRIVER_URL = "oms-driver-url";
    public static final String MAX_TASKS = "max-task";
    public static final String TOPIC = "connect-topicname";
    public static final String TOPICS = "connect-topicnames";
    public static final String VALUE_CONVERTER = "source-record-converter";
    public static final String KEY_CONVERTER = "key.converter";
    public static final String TRANSFORMS = "transforms";

    private static final Map<String, List<String>> ALIASES = Map.of(
            CONNECTOR_CLASS, List.of("connector.class"),
            OMS_DRIVER_URL, List.of("oms.driver.url"),
            MAX_TASKS, List.of("max.tasks", "tasks.max", "max-tasks"),
            TOPIC, List.of("connect.topicname", "topic"),
            TOPICS, List.of("connect.topicnames", "topics"),
            VALUE_CONVERTER, List.of("value.converter", "sink-record-converter"),
            KEY_CONVERTER, List.of("key-converter"));

    private final Map<String, String> config;

    public ConnectorConfig(Map<String, String> config) {
        this.config = Map.copyOf(withoutNulls(config));
    }

    private static Map<String, String> withoutNulls(Map<String, String> m) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    public Map<String, String> asMap() {
        return config;
    }

    /** The value of {@code key} or of one of its aliases, trimmed; null when absent or blank. */
    public String get(String key) {
        String v = config.get(key);
        if (v == null) {
            for (String alias : ALIASES.getOrDefault(key, List.of())) {
                v = config.get(alias);
                if (v != null) {
                    break;
                }
            }
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    public String connectorClass() {
        return get(CONNECTOR_CLASS);
    }

    public String omsDriverUrl(String workerDefault) {
        String url = get(OMS_DRIVER_URL);
        return url == null ? workerDefault : url;
    }

    public int maxTasks() {
        String v = get(MAX_TASKS);
        if (v == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new BadRequestException(MAX_TASKS, MAX_TASKS + " must be at least 1, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestException(MAX_TASKS, MAX_TASKS + " must be an integer, was \"" + v + "\"");
        }
    }

    public String topic() {
        return get(TOPIC);
    }

    public List<String> topics() {
        String v = get(TOPICS);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String t : v.split(",")) {
            if (!t.isBlank()) {
                out.add(t.trim());
            }
        }
        return out;
    }

    public List<String> transformAliases() {
        String v = get(TRANSFORMS);
        return v == null ? List.of() : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public long getLong(String key, long defaultValue) {
        String v = get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadRequestException(key, key + " must be an integer, was \"" + v + "\"");
        }
    }

    /** The keys under {@code prefix}, with the prefix removed (e.g. a transform's or converter's own config). */
    public Map<String, String> subConfig(String prefix) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
