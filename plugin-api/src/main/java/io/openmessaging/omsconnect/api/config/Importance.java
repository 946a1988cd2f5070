package io.openmessaging.omsconnect.api.config;

/** How much a user needs to know a key, as Kafka's ConfigDef.Importance. */
public enum Importance {
    HIGH, MEDIUM, LOW
}
