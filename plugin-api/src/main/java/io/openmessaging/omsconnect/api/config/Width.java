package io.openmessaging.omsconnect.api.config;

/** The width a UI gives a key's field, as Kafka's ConfigDef.Width. */
public enum Width {
    NONE, SHORT, MEDIUM, LONG
}
