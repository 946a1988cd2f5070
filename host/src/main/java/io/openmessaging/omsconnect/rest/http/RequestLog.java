package io.openmessaging.omsconnect.rest.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Methods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, path, status, time. Never the query string or the body (the seed's
 * {@code ?config=} carries connector configs, secrets included); endpoints that log configs mask them
 * with {@link io.openmessaging.omsconnect.config.Secrets}. Changes log at INFO, reads at DEBUG; a GET that
 * changes something (the older dialects' {@code GET .../stop}, {@code ?config=}…) is a change: its endpoint
 * marks it ({@link #markChange}).
 */
public final class RequestLog implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);
    private static final int MAX_PATH = 200;
    private static final AttachmentKey<Boolean> CHANGE = AttachmentKey.create(Boolean.class);
    private final HttpHandler next;

    public RequestLog(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            try {
                boolean read = Methods.GET.equals(ex.getRequestMethod()) && ex.getAttachment(CHANGE) == null;
                if (read ? log.isDebugEnabled() : log.isInfoEnabled()) {
                    String line = "{} {} -> {} ({} ms)";
                    Object[] args = {ex.getRequestMethod(), safePath(ex), ex.getStatusCode(),
                            (System.nanoTime() - start) / 1_000_000};
                    if (read) {
                        log.debug(line, args);
                    } else {
                        log.info(line, args);
                    }
                }
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    /** The request changes something: it is logged as a change, whatever its method. */
    static void markChange(HttpServerExchange exchange) {
        exchange.putAttachment(CHANGE, Boolean.TRUE);
    }

    /** The request path, cut short and with control characters replaced, so a hostile path cannot forge log lines. */
    static String safePath(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        StringBuilder b = new StringBuilder(Math.min(path.length(), MAX_PATH + 3));
        for (int i = 0; i < path.length() && i < MAX_PATH; i++) {
            char c = path.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return path.length() > MAX_PATH ? b.append("...").toString() : b.toString();
    }
}
