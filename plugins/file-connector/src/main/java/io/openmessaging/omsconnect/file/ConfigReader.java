package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.errors.ConnectException;
import java.util.Optional;

/**
 * Reads connector settings that are known under several names (the seed's dashed key, RocketMQ
 * Connect's dotted key, Kafka's short key): the first name present wins, and every error names
 * the key's main name so the user knows what to fix.
 */
final class ConfigReader {

    private final KeyValue config;

    ConfigReader(KeyValue config) {
        if (config == null) {
            throw new ConnectException("connector config is missing");
        }
        this.config = config;
    }

    /** The value of the first of {@code names} that is set and not blank. */
    Optional<String> optional(String... names) {
        for (String name : names) {
            if (config.containsKey(name)) {
                String value = config.getString(name);
                if (value != null && !value.isBlank()) {
                    return Optional.of(value.trim());
                }
            }
        }
        return Optional.empty();
    }

    String required(String... names) {
        return optional(names).orElseThrow(() -> new ConnectException(
            "missing required config '" + names[0] + "'" + aliasesOf(names)));
    }

    int positiveInt(int defaultValue, String... names) {
        Optional<String> value = optional(names);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the key's name
        }
        throw new ConnectException("invalid config '" + names[0] + "': '" + value.get() + "' is not a positive integer");
    }

    boolean bool(boolean defaultValue, String... names) {
        Optional<String> value = optional(names);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (value.get().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.get().equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConnectException("invalid config '" + names[0] + "': '" + value.get() + "' is neither true nor false");
    }

    private static String aliasesOf(String... names) {
        if (names.length < 2) {
            return "";
        }
        return " (also accepted: " + String.join(", ", java.util.Arrays.asList(names).subList(1, names.length)) + ")";
    }
}
