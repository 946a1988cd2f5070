package io.openmessaging.omsconnect.transforms;

import io.openmessaging.omsconnect.api.config.Validator;

import java.util.List;

/** A list naming at least one item (Kafka's NonEmptyListValidator). */
final class NonEmptyList implements Validator {
    static final NonEmptyList INSTANCE = new NonEmptyList();

    private NonEmptyList() {
    }

    @Override
    public String problemWith(Object value) {
        return ((List<?>) value).isEmpty() ? "must name at least one item" : null;
    }
}
