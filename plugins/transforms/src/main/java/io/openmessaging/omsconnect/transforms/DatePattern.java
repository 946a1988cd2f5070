package io.openmessaging.omsconnect.transforms;

import io.openmessaging.omsconnect.api.config.Validator;

import java.text.SimpleDateFormat;

/** A {@code java.text.SimpleDateFormat} pattern, as TimestampConverter's and TimestampRouter's formats are. */
final class DatePattern implements Validator {
    static final DatePattern INSTANCE = new DatePattern();

    private DatePattern() {
    }

    @Override
    public String problemWith(Object value) {
        try {
            new SimpleDateFormat(String.valueOf(value));
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a SimpleDateFormat-compatible pattern: " + e.getMessage();
        }
    }
}
