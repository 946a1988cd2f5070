package io.openmessaging.omsconnect.transforms;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What MaskField puts in place of a value: the "empty" value of its type (0, false, "", the epoch, an empty
 * list or map), or the configured replacement read as the value's type (numbers and strings only).
 */
final class FieldMask {
    private static final Map<Class<?>, Object> EMPTY = Map.ofEntries(
            Map.entry(Boolean.class, Boolean.FALSE),
            Map.entry(Byte.class, (byte) 0),
            Map.entry(Short.class, (short) 0),
            Map.entry(Integer.class, 0),
            Map.entry(Long.class, 0L),
            Map.entry(Float.class, 0f),
            Map.entry(Double.class, 0d),
            Map.entry(BigInteger.class, BigInteger.ZERO),
            Map.entry(BigDecimal.class, BigDecimal.ZERO),
            Map.entry(String.class, ""));
    private static final Map<Class<?>, Function<String, ?>> READERS = Map.ofEntries(
            Map.entry(Byte.class, Byte::valueOf),
            Map.entry(Short.class, Short::valueOf),
            Map.entry(Integer.class, Integer::valueOf),
            Map.entry(Long.class, Long::valueOf),
            Map.entry(Float.class, Float::valueOf),
            Map.entry(Double.class, Double::valueOf),
            Map.entry(BigInteger.class, BigInteger::new),
            Map.entry(BigDecimal.class, BigDecimal::new),
            Map.entry(String.class, Function.identity()));

    private final String replacement;

    /** @param replacement the configured replacement; null to mask with empty values */
    FieldMask(String replacement) {
        this.replacement = replacement;
    }

    /**
     * The masked value; null stays null.
     *
     * @throws IllegalArgumentException when the value's type cannot be masked, or the replacement is no value of it
     */
    Object mask(Object value) {
        if (value == null) {
            return null;
        }
        return replacement == null ? empty(value) : replaced(value);
    }

    private static Object empty(Object value) {
        Object empty = EMPTY.get(value.getClass());
        if (empty != null) {
            return empty;
        }
        if (value instanceof Date) {
            return new Date(0); // a new one: Date is mutable
        }
        if (value instanceof List) {
            return new ArrayList<>();
        }
        if (value instanceof Map) {
            return new HashMap<>();
        }
        throw new IllegalArgumentException("cannot mask a value of type " + value.getClass().getName());
    }

    private Object replaced(Object value) {
        Function<String, ?> reader = READERS.get(value.getClass());
        if (reader == null) {
            throw new IllegalArgumentException("cannot mask a value of type " + value.getClass().getName()
                    + " with a replacement (numbers and strings only)");
        }
        try {
            return reader.apply(replacement);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("replacement " + replacement + " is no " + value.getClass().getSimpleName(), e);
        }
    }
}
