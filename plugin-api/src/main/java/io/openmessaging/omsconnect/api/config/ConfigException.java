package io.openmessaging.omsconnect.api.config;

/** A config value that is missing, of the wrong type or out of its range; names the key as the caller spelled it. */
public class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key the error is about, as the caller spelled it. */
    public String key() {
        return key;
    }
}
