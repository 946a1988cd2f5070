package io.openmessaging.omsconnect.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The type of a config value, with Kafka Connect's names (they are what {@code GET /connector-plugins/{p}/config}
 * and validation answers show), and how a value given as text is read.
 */
public enum ConfigType {
    BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD;

    /**
     * The value {@code text} stands for. A LIST is comma-separated, each item trimmed, empty items dropped.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public Object parse(String text) {
        String trimmed = text.trim();
        try {
            return switch (this) {
                case BOOLEAN -> {
                    String lower = trimmed.toLowerCase(Locale.ROOT);
                    if (!lower.equals("true") && !lower.equals("false")) {
                        throw new IllegalArgumentException("expected true or false");
                    }
                    yield Boolean.parseBoolean(lower);
                }
                case INT -> Integer.parseInt(trimmed);
                case SHORT -> Short.parseShort(trimmed);
                case LONG -> Long.parseLong(trimmed);
                case DOUBLE -> Double.parseDouble(trimmed);
                case LIST -> {
                    List<String> items = new ArrayList<>();
                    for (String item : trimmed.split(",")) {
                        if (!item.isBlank()) {
                            items.add(item.trim());
                        }
                    }
                    yield List.copyOf(items);
                }
                case STRING, CLASS -> trimmed;
                case PASSWORD -> text; // a secret is taken as given: spaces may be part of it
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + describe());
        }
    }

    /** A value of this type as text, as config maps and Kafka's ConfigKeyInfo.default_value hold it. */
    public String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private String describe() {
        return switch (this) {
            case INT -> "a 32-bit integer";
            case SHORT -> "a 16-bit integer";
            case LONG -> "a 64-bit integer";
            case DOUBLE -> "a number";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }
}
