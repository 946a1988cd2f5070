package io.openmessaging.omsconnect.worker;

import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.herder.BadRequestException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector's config as the worker reads it, through the keys {@link ConnectorKeys} declares: each is
 * found under any of its spellings ({@code tasks.max} = {@code max-task} = {@code max.tasks}), typed, and
 * defaulted there and nowhere else. Connector-specific keys pass through untouched.
 */
public final class ConnectorConfig {
    /** the names of the keys, as the worker's code refers to them (see {@link ConnectorKeys}) */
    public static final String CONNECTOR_CLASS = ConnectorKeys.CONNECTOR_CLASS;
    public static final String OMS_DRIVER_URL = ConnectorKeys.OMS_DRIVER_URL;
    public static final String MAX_TASKS = ConnectorKeys.TASKS_MAX;
    public static final String TOPIC = ConnectorKeys.TOPIC;
    public static final String TOPICS = ConnectorKeys.TOPICS;
    public static final String VALUE_CONVERTER = ConnectorKeys.VALUE_CONVERTER;
    public static final String KEY_CONVERTER = ConnectorKeys.KEY_CONVERTER;
    public static final String TRANSFORMS = ConnectorKeys.TRANSFORMS;

    private final Map<String, String> config;
    private final ParsedConfig parsed;

    public ConnectorConfig(Map<String, String> config) {
        this.config = Map.copyOf(withoutNulls(config));
        this.parsed = ConnectorKeys.ALL_KEYS.parse(this.config);
    }

    private static Map<String, String> withoutNulls(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
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

    /** The config read with the worker's key definitions: values, spellings and problems. */
    public ParsedConfig parsed() {
        return parsed;
    }

    /**
     * The text of {@code key} (a declared key under any spelling, else the key itself), trimmed; null when
     * absent or blank.
     */
    public String get(String key) {
        String v = ConnectorKeys.ALL_KEYS.key(key).map(k -> parsed.text(k.name())).orElseGet(() -> config.get(key));
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** How the user spelled a declared key (its name when absent): errors name it so. */
    public String spelling(String key) {
        return ConnectorKeys.ALL_KEYS.key(key).map(k -> parsed.spelling(k.name())).orElse(key);
    }

    public String connectorClass() {
        return get(CONNECTOR_CLASS);
    }

    public String omsDriverUrl(String workerDefault) {
        String url = get(OMS_DRIVER_URL);
        return url == null ? workerDefault : url;
    }

    public int maxTasks() {
        return (Integer) value(MAX_TASKS);
    }

    public String topic() {
        return (String) value(TOPIC);
    }

    public List<String> topics() {
        return list(TOPICS);
    }

    public List<String> transformAliases() {
        return list(TRANSFORMS);
    }

    public List<String> predicateAliases() {
        return list(ConnectorKeys.PREDICATES);
    }

    public int getInt(String key) {
        return (Integer) value(key);
    }

    public long getLong(String key) {
        return ((Number) value(key)).longValue();
    }

    public boolean getBoolean(String key) {
        return (Boolean) value(key);
    }

    /** A string key's value; null when absent with no default, or empty. */
    public String getString(String key) {
        Object v = value(key);
        return v == null || v.toString().isEmpty() ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    private List<String> list(String key) {
        Object v = value(key);
        return v == null ? List.of() : (List<String>) v;
    }

    /**
     * The typed value (or default) of a declared key.
     *
     * @throws BadRequestException naming the key as spelled when its value is bad (a config stored before the
     *                             key was checked at create)
     */
    private Object value(String key) {
        ConfigKey definition = ConnectorKeys.ALL_KEYS.key(key)
                .orElseThrow(() -> new IllegalArgumentException("undeclared connector key " + key));
        List<String> problems = parsed.errors().get(definition.name());
        if (problems != null) {
            throw new BadRequestException(parsed.spelling(definition.name()), String.join("; ", problems));
        }
        return parsed.get(definition.name());
    }

    /** The keys under {@code prefix}, with the prefix removed (e.g. a transform's or converter's own config). */
    public Map<String, String> subConfig(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
