package io.openmessaging.omsconnect.plugin;

/**
 * The kinds of component a plugin can hold. The lower-case name is what our {@code /plugins} shows as
 * "type"; {@link #kafkaType()} is Kafka Connect's plugin type name for {@code /connector-plugins}.
 */
public enum ComponentType {
    SOURCE("source"), SINK("sink"), TRANSFORM("transformation"), CONVERTER("converter"),
    /** KIP-585: a condition deciding whether a transform applies ({@code io.openmessaging.omsconnect.api.Predicate}) */
    PREDICATE("predicate"),
    /** not a Kafka Connect plugin type: drivers are listed by {@code GET /drivers} */
    DRIVER(null);

    private final String kafkaType;

    ComponentType(String kafkaType) {
        this.kafkaType = kafkaType;
    }

    public String restName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Kafka Connect's name of this type ({@code PluginType}), or null when Kafka has none. */
    public String kafkaType() {
        return kafkaType;
    }
}
