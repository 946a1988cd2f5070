package io.openmessaging.omsconnect.rest.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Runs one {@link Endpoint} off the IO threads: dispatches to a worker thread, checks the token for
 * {@link Access#WRITE} routes, and writes the reply or the mapped error.
 */
final class EndpointHandler implements HttpHandler {
    private final Endpoint endpoint;
    private final Access access;
    private final BearerAuth auth;
    private final long maxRequestBytes;

    EndpointHandler(Endpoint endpoint, Access access, BearerAuth auth, long maxRequestBytes) {
        this.endpoint = endpoint;
        this.access = access;
        this.auth = auth;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        Reply reply;
        try {
            if (access == Access.WRITE) {
                RequestLog.markChange(exchange);
                auth.check(exchange);
            }
            exchange.startBlocking();
            reply = endpoint.handle(new Call(exchange, auth, maxRequestBytes));
        } catch (Throwable t) {
            reply = ErrorMapper.toReply(t, exchange.getRequestMethod().toString(), RequestLog.safePath(exchange));
        }
        ReplyWriter.write(exchange, reply);
    }
}
