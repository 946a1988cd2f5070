package io.openmessaging.omsconnect.rest.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint answers: a status, a body (serialized as JSON, or sent as is when it is text with
 * a non-JSON content type; null for none) and extra headers.
 */
public record Reply(int status, Object body, String contentType, Map<String, String> headers) {
    public static final String JSON = "application/json";

    public static Reply ok(Object body) {
        return new Reply(200, body, JSON, Map.of());
    }

    public static Reply created(Object body) {
        return new Reply(201, body, JSON, Map.of());
    }

    public static Reply accepted(Object body) {
        return new Reply(202, body, JSON, Map.of());
    }

    public static Reply noContent() {
        return new Reply(204, null, JSON, Map.of());
    }

    public static Reply text(String contentType, String text) {
        return new Reply(200, text, contentType, Map.of());
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, body, contentType, Map.copyOf(h));
    }
}
