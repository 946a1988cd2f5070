package io.openmessaging.omsconnect.api.config;

import java.util.List;
import java.util.Map;

/**
 * A config read with a {@link ConfigDef}: the value of every declared key (the default where absent), how
 * the user spelled each, the problems found, and the original text of every key (declared or not).
 */
public final class ParsedConfig {
    private final ConfigDef definition;
    private final Map<String, Object> values;
    private final Map<String, String> spelled;
    private final Map<String, List<String>> errors;
    private final Map<String, String> originals;

    ParsedConfig(ConfigDef definition, Map<String, Object> values, Map<String, String> spelled,
                 Map<String, List<String>> errors, Map<String, String> originals) {
        this.definition = definition;
        this.values = values;
        this.spelled = spelled;
        this.errors = errors;
        this.originals = originals;
    }

    public ConfigDef definition() {
        return definition;
    }

    /** Declared key's name → its problems; empty when the config is valid. */
    public Map<String, List<String>> errors() {
        return errors;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /**
     * Throws the first problem, naming the key as the user spelled it.
     *
     * @throws ConfigException when any key has a problem
     */
    public ParsedConfig orThrow() {
        errors.entrySet().stream().findFirst().ifPresent(e -> {
            throw new ConfigException(spelling(e.getKey()), String.join("; ", e.getValue()));
        });
        return this;
    }

    /** How the user spelled a declared key (its name when absent). */
    public String spelling(String name) {
        return spelled.getOrDefault(name, name);
    }

    /** The text the user gave for a declared key under any of its spellings; null when absent. */
    public String text(String name) {
        String spelling = spelled.get(name);
        return spelling == null ? null : originals.get(spelling);
    }

    /** Every key the user gave, declared or not, with its text. */
    public Map<String, String> originals() {
        return originals;
    }

    /** The value of a declared key (null: absent with a null default, or invalid). */
    public Object get(String name) {
        if (definition.key(name).isEmpty()) {
            throw new IllegalArgumentException("undeclared config key " + name);
        }
        return values.get(name);
    }

    public String getString(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }

    public Integer getInt(String name) {
        return (Integer) get(name);
    }

    public Long getLong(String name) {
        Object v = get(name);
        return v == null ? null : ((Number) v).longValue();
    }

    public Double getDouble(String name) {
        Object v = get(name);
        return v == null ? null : ((Number) v).doubleValue();
    }

    public Boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> getList(String name) {
        Object v = get(name);
        return v == null ? List.of() : (List<String>) v;
    }
}
