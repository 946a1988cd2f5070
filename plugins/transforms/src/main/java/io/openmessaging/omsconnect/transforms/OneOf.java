package io.openmessaging.omsconnect.transforms;

import io.openmessaging.omsconnect.api.config.Validator;

import java.util.List;

/** One of a few values, spelled exactly (Kafka's ValidString; plugin-api's {@code oneOf} ignores case). */
final class OneOf implements Validator {
    private final List<String> allowed;

    private OneOf(List<String> allowed) {
        this.allowed = allowed;
    }

    static OneOf of(String... allowed) {
        return new OneOf(List.of(allowed));
    }

    @Override
    public String problemWith(Object value) {
        return allowed.contains(String.valueOf(value)) ? null : "must be one of " + String.join(", ", allowed);
    }

    @Override
    public List<String> recommendedValues() {
        return allowed;
    }
}
