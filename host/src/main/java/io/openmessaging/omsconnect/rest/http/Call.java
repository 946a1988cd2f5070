package io.openmessaging.omsconnect.rest.http;

import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.rest.json.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One request as an endpoint sees it: path and query parameters, the body (size-limited, parsed safely)
 * and the write-access check. Path parameters come only from the route template, never from the query.
 */
public final class Call {
    private final HttpServerExchange exchange;
    private final BearerAuth auth;
    private final long maxRequestBytes;

    Call(HttpServerExchange exchange, BearerAuth auth, long maxRequestBytes) {
        this.exchange = exchange;
        this.auth = auth;
        this.maxRequestBytes = maxRequestBytes;
    }

    public HttpServerExchange exchange() {
        return exchange;
    }

    /** For routes that change something only in some forms (e.g. the seed's {@code GET ?config=}). */
    public void authorizeWrite() {
        RequestLog.markChange(exchange);
        auth.check(exchange);
    }

    public String pathParam(String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String value = match == null ? null : match.getParameters().get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    /** A path parameter that must be a non-negative integer (a task number). */
    public int intPathParam(String name) {
        String value = pathParam(name);
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw HttpError.badRequest(name, name + " must be a non-negative integer");
    }

    public Optional<String> query(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.peekFirst());
    }

    public List<String> queries(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null ? List.of() : List.copyOf(values);
    }

    /** A boolean query parameter: absent → {@code otherwise}; only "true"/"false" (any case) accepted. */
    public boolean flag(String name, boolean otherwise) {
        Optional<String> value = query(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return otherwise;
        }
        String v = value.get();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw HttpError.badRequest(name, "query parameter '" + name + "' must be true or false");
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The body as one JSON object, at most {@code maxRequestBytes} long. */
    public JSONObject jsonBody() {
        return Json.parseObject(bodyText(), "request body");
    }

    /** The body as UTF-8 text, at most {@code maxRequestBytes} long (413 beyond). */
    public String bodyText() {
        try (InputStream in = body(maxRequestBytes)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (BodyTooLargeException e) {
            throw HttpError.tooLarge("request body is larger than the limit of " + maxRequestBytes + " bytes");
        } catch (IOException e) {
            throw HttpError.badRequest(null, "could not read the request body: " + e.getMessage());
        }
    }

    /**
     * The raw body as a stream that throws {@link BodyTooLargeException} past {@code limit}; refused at once
     * (413) when the declared Content-Length is already larger.
     */
    public SizeLimitedInputStream body(long limit) {
        checkDeclaredLength(limit);
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        return new SizeLimitedInputStream(exchange.getInputStream(), limit);
    }

    /** @throws HttpError 413 when the request declares a Content-Length over {@code limit} */
    public void checkDeclaredLength(long limit) {
        String length = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    throw HttpError.tooLarge("request body is larger than the limit of " + limit + " bytes");
                }
            } catch (NumberFormatException ignored) {
                // Undertow has already refused a malformed length; bytes are counted instead
            }
        }
    }
}
