package io.openmessaging.omsconnect.transforms;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ReplaceField's {@code renames}: colon-delimited pairs, {@code old:new}, read into a map old → new. */
final class RenameMappings {

    private RenameMappings() {
    }

    /**
     * @throws IllegalArgumentException naming the first pair that is not {@code old:new}
     */
    static Map<String, String> parse(List<String> pairs) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] parts = pair.split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("Invalid rename mapping: " + pair
                        + " (expected a list of colon-delimited pairs, e.g. foo:bar,abc:xyz)");
            }
            renames.put(parts[0].trim(), parts[1].trim());
        }
        return Collections.unmodifiableMap(renames);
    }

    /** The problem with {@code value}, a list of pairs, for a config validator; null when it reads. */
    @SuppressWarnings("unchecked")
    static String problemWith(Object value) {
        try {
            parse((List<String>) value);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
