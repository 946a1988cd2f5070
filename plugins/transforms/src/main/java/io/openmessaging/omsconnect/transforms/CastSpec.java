package io.openmessaging.omsconnect.transforms;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cast's {@code spec}: either one type the whole key or value is cast to ({@code int64}), or the types some
 * of its fields are cast to ({@code id:int32,price:float64}).
 *
 * @param wholeValue the type of the whole value; null when fields are cast
 * @param fields     field → type; empty when the whole value is cast
 */
record CastSpec(CastType wholeValue, Map<String, CastType> fields) {

    /**
     * @throws IllegalArgumentException saying what is wrong with the spec
     */
    static CastSpec parse(List<String> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("Must specify at least one field to cast.");
        }
        Map<String, CastType> fields = new LinkedHashMap<>();
        CastType wholeValue = null;
        for (String entry : entries) {
            String[] parts = entry.split(":", -1);
            if (parts.length > 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("Invalid cast mapping: " + entry
                        + " (expected field:type pairs, e.g. id:int32,price:float64, or a single type)");
            }
            if (parts.length == 1) {
                wholeValue = CastType.named(parts[0]);
            } else {
                fields.put(parts[0].trim(), CastType.named(parts[1]));
            }
        }
        if (wholeValue != null && entries.size() > 1) {
            throw new IllegalArgumentException("Cast transformations that specify a type to cast the entire value to "
                    + "may only specify a single cast in their spec");
        }
        return new CastSpec(wholeValue, Collections.unmodifiableMap(fields));
    }

    /** The problem with {@code value}, a list of entries, for a config validator; null when it reads. */
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
