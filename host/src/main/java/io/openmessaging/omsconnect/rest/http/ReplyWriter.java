package io.openmessaging.omsconnect.rest.http;

import io.openmessaging.omsconnect.rest.json.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Sends a {@link Reply}: status, headers, and the body as JSON (or as text for non-JSON types). */
final class ReplyWriter {
    private ReplyWriter() {
    }

    static void write(HttpServerExchange exchange, Reply reply) {
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        exchange.setStatusCode(reply.status());
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
        if (reply.status() == 401) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"omsconnect\"");
        }
        if (reply.body() == null || reply.status() == 204) {
            exchange.endExchange();
            return;
        }
        byte[] bytes = reply.body() instanceof String text && !Reply.JSON.equals(reply.contentType())
                ? text.getBytes(StandardCharsets.UTF_8)
                : Json.write(reply.body());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, reply.contentType());
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }
}
