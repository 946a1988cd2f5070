package io.openmessaging.omsconnect.api.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A check of a parsed value beyond its type. Returns null when the value is fine, else what is wrong with
 * it (the message of the 400 and of the validation answer). It is not called for an absent optional value.
 */
@FunctionalInterface
public interface Validator {

    String problemWith(Object value);

    /** The values a UI may offer (Kafka's recommended_values); empty when any value of the type goes. */
    default List<String> recommendedValues() {
        return List.of();
    }

    /** A number in [min, max]; a null bound is open. */
    static Validator between(Number min, Number max) {
        return value -> {
            double v = ((Number) value).doubleValue();
            if (min != null && v < min.doubleValue()) {
                return "must be at least " + min;
            }
            if (max != null && v > max.doubleValue()) {
                return "must be at most " + max;
            }
            return null;
        };
    }

    static Validator atLeast(Number min) {
        return between(min, null);
    }

    /** One of {@code allowed}, ignoring case (as Kafka's CaseInsensitiveValidString). */
    static Validator oneOf(String... allowed) {
        List<String> values = List.copyOf(Arrays.asList(allowed));
        return new Validator() {
            @Override
            public String problemWith(Object value) {
                String v = String.valueOf(value).toLowerCase(Locale.ROOT);
                return values.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(v)) ? null
                        : "must be one of " + String.join(", ", values);
            }

            @Override
            public List<String> recommendedValues() {
                return values;
            }
        };
    }

    /** A string with something in it. */
    static Validator nonEmpty() {
        return value -> String.valueOf(value).isBlank() ? "must not be empty" : null;
    }

    /** A Java regular expression. */
    static Validator regex() {
        return value -> {
            try {
                Pattern.compile(String.valueOf(value));
                return null;
            } catch (PatternSyntaxException e) {
                return "is not a valid regular expression: " + e.getDescription();
            }
        };
    }
}
