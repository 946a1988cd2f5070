package io.openmessaging.omsconnect.rest.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <token>} when a REST token is configured. Both sides are hashed
 * first and compared with {@link MessageDigest#isEqual}, so the time taken tells neither the token's
 * content nor its length.
 */
public final class BearerAuth {
    private static final String SCHEME = "Bearer ";
    private final byte[] expectedDigest;

    /** @param token null or blank: no check */
    public BearerAuth(String token) {
        this.expectedDigest = token == null || token.isBlank() ? null : digest(token.trim());
    }

    public boolean enabled() {
        return expectedDigest != null;
    }

    /** @throws HttpError 401 when a token is configured and the request does not carry it */
    public void check(HttpServerExchange exchange) {
        if (expectedDigest == null) {
            return;
        }
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw HttpError.unauthorized("this request needs the header 'Authorization: Bearer <restToken>'");
        }
        byte[] presented = digest(header.substring(SCHEME.length()).trim());
        if (!MessageDigest.isEqual(expectedDigest, presented)) {
            throw HttpError.unauthorized("invalid bearer token");
        }
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }
}
