package io.openmessaging.omsconnect.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The one rule for what is secret in a config: keys naming a password, secret or token. */
public final class Secrets {
    public static final String MASK = "******";

    private Secrets() {
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token");
    }

    /** A copy with every secret value replaced by {@link #MASK}, order kept. */
    public static Map<String, String> mask(Map<String, String> config) {
        Map<String, String> out = new LinkedHashMap<>();
        config.forEach((k, v) -> out.put(k, isSecret(k) && v != null ? MASK : v));
        return out;
    }
}
