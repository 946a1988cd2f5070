package io.openmessaging.omsconnect.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one rule for what is a secret, so that responses and logs hide the same values: a config key is
 * secret when its name contains {@code password}, {@code secret} or {@code token} (any case), and the
 * password of a URL's user info ({@code scheme://user:password@host}) is secret too.
 */
public final class Secrets {
    /** What a secret value is replaced with. */
    public static final String MASK = "******";

    private static final String[] MARKERS = {"password", "secret", "token"};
    // scheme://user:password@  (the user part is kept: it helps telling configs apart)
    private static final Pattern URL_PASSWORD = Pattern.compile("(//[^/:@\\s]*):[^/@\\s]*@");

    private Secrets() {
    }

    public static boolean isSecret(String key) {
        if (key == null) {
            return false;
        }
        String k = key.toLowerCase(Locale.ROOT);
        for (String marker : MARKERS) {
            if (k.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** A copy of {@code config} (same order) with the values of secret keys replaced by {@link #MASK}. */
    public static Map<String, String> mask(Map<String, String> config) {
        if (config == null) {
            return null;
        }
        Map<String, String> masked = new LinkedHashMap<>();
        config.forEach((k, v) -> masked.put(k, v != null && isSecret(k) ? MASK : maskUrl(v)));
        return masked;
    }

    /** {@code oms:x://user:pw@host/ns} → {@code oms:x://user:******@host/ns}; other text unchanged. */
    public static String maskUrl(String value) {
        if (value == null || value.indexOf('@') < 0) {
            return value;
        }
        return URL_PASSWORD.matcher(value).replaceAll("$1:" + MASK + "@");
    }
}
