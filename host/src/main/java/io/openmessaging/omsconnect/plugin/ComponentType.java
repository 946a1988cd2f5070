package io.openmessaging.omsconnect.plugin;

/** The kinds of component a plugin can hold. The lower-case name is what REST shows as "type". */
public enum ComponentType {
    SOURCE, SINK, TRANSFORM, CONVERTER, DRIVER;

    public String restName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
