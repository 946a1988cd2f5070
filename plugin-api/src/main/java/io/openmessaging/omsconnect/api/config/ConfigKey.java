package io.openmessaging.omsconnect.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The definition of one config key, in the spirit of Kafka's {@code ConfigDef.ConfigKey}: its name and the
 * other spellings it is read under (the seed's dashed and RocketMQ Connect's dotted names), its type and
 * default, the check of its value, and what a UI shows of it. A key without a default is required.
 * Build one with {@link #builder(String)}.
 */
public final class ConfigKey {
    private final String name;
    private final List<String> aliases;
    private final ConfigType type;
    private final boolean hasDefault;
    private final Object defaultValue;
    private final Validator validator;
    private final Importance importance;
    private final String documentation;
    private final String group;
    private final int orderInGroup;
    private final Width width;
    private final String displayName;
    private final List<String> dependents;

    private ConfigKey(Builder b) {
        this.name = b.name;
        this.aliases = List.copyOf(b.aliases);
        this.type = b.type;
        this.hasDefault = b.hasDefault;
        this.defaultValue = b.defaultValue;
        this.validator = b.validator;
        this.importance = b.importance;
        this.documentation = b.documentation;
        this.group = b.group;
        this.orderInGroup = b.orderInGroup;
        this.width = b.width;
        this.displayName = b.displayName == null ? b.name : b.displayName;
        this.dependents = List.copyOf(b.dependents);
    }

    /** This key placed at {@code order} in its group (ConfigDef numbers a group's keys in definition order). */
    ConfigKey withOrderInGroup(int order) {
        Builder b = new Builder(name).aliases(aliases.toArray(String[]::new)).type(type).validator(validator)
                .importance(importance).documentation(documentation).group(group).orderInGroup(order).width(width)
                .displayName(displayName).dependents(dependents.toArray(String[]::new));
        if (hasDefault) {
            b.defaultValue(defaultValue);
        }
        return b.build();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** The other spellings of this key, in the order they are looked for after {@link #name()}. */
    public List<String> aliases() {
        return aliases;
    }

    /** The name and then the aliases. */
    public List<String> spellings() {
        List<String> all = new ArrayList<>(aliases.size() + 1);
        all.add(name);
        all.addAll(aliases);
        return all;
    }

    public ConfigType type() {
        return type;
    }

    /** Whether the key must be given: it has no default. */
    public boolean required() {
        return !hasDefault;
    }

    /** The value taken when the key is absent (may be null: optional, no value); meaningless when required. */
    public Object defaultValue() {
        return defaultValue;
    }

    /** The default as Kafka's ConfigKeyInfo shows it: null when required or null. */
    public String defaultText() {
        return hasDefault ? type.format(defaultValue) : null;
    }

    /** The check of a present value; null when any value of the type goes. */
    public Validator validator() {
        return validator;
    }

    public List<String> recommendedValues() {
        return validator == null ? List.of() : validator.recommendedValues();
    }

    public Importance importance() {
        return importance;
    }

    public String documentation() {
        return documentation;
    }

    public String group() {
        return group;
    }

    /** The key's place in its group, from 1; -1 when it has no group. */
    public int orderInGroup() {
        return orderInGroup;
    }

    public Width width() {
        return width;
    }

    public String displayName() {
        return displayName;
    }

    /** Keys whose meaning depends on this one's value. */
    public List<String> dependents() {
        return dependents;
    }

    /** Builder: type STRING, required, importance MEDIUM, width NONE, no group unless set. */
    public static final class Builder {
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private ConfigType type = ConfigType.STRING;
        private boolean hasDefault;
        private Object defaultValue;
        private Validator validator;
        private Importance importance = Importance.MEDIUM;
        private String documentation = "";
        private String group;
        private int orderInGroup = -1;
        private Width width = Width.NONE;
        private String displayName;
        private final List<String> dependents = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder aliases(String... spellings) {
            aliases.addAll(List.of(spellings));
            return this;
        }

        public Builder type(ConfigType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Makes the key optional, with this value when absent (null: no value). */
        public Builder defaultValue(Object value) {
            this.hasDefault = true;
            this.defaultValue = value;
            return this;
        }

        public Builder validator(Validator validator) {
            this.validator = validator;
            return this;
        }

        public Builder importance(Importance importance) {
            this.importance = Objects.requireNonNull(importance, "importance");
            return this;
        }

        public Builder documentation(String documentation) {
            this.documentation = documentation == null ? "" : documentation;
            return this;
        }

        /** The key's group; its order in the group is given by {@link ConfigDef#define} unless set here. */
        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder orderInGroup(int orderInGroup) {
            this.orderInGroup = orderInGroup;
            return this;
        }

        public Builder width(Width width) {
            this.width = Objects.requireNonNull(width, "width");
            return this;
        }

        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public Builder dependents(String... keys) {
            dependents.addAll(List.of(keys));
            return this;
        }

        public ConfigKey build() {
            if (hasDefault && defaultValue != null && validator != null) {
                String problem = validator.problemWith(defaultValue);
                if (problem != null) {
                    throw new IllegalStateException("the default of " + name + " " + problem);
                }
            }
            return new ConfigKey(this);
        }
    }
}
