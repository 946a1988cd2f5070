package io.openmessaging.omsconnect.rest.http;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatcher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;

/**
 * The route table the resources fill: (method, path template) → endpoint and its {@link Access}. Built into
 * an Undertow {@link RoutingHandler}; an unknown path answers 404 and a known path with another method
 * 405 with an {@code Allow} header, both as JSON errors. Path parameters are not copied into the query
 * parameters, so {@code ?connector=} cannot override {@code {connector}}.
 */
public final class Router {
    private record Route(Access access, Endpoint endpoint) {
    }

    private final Map<String, Map<String, Route>> routes = new LinkedHashMap<>();

    public Router get(String template, Endpoint endpoint) {
        return add("GET", template, Access.READ, endpoint);
    }

    /** A route that changes something: needs the token when one is set. */
    public Router write(String method, String template, Endpoint endpoint) {
        return add(method, template, Access.WRITE, endpoint);
    }

    public Router add(String method, String template, Access access, Endpoint endpoint) {
        Route previous = routes.computeIfAbsent(method, m -> new LinkedHashMap<>())
                .putIfAbsent(template, new Route(access, endpoint));
        if (previous != null) {
            throw new IllegalStateException("route registered twice: " + method + " " + template);
        }
        return this;
    }

    /** Wraps an existing route's endpoint, e.g. to add a dialect's variant of a canonical route. */
    public Router wrap(String method, String template, UnaryOperator<Endpoint> wrapper) {
        Map<String, Route> byTemplate = routes.get(method);
        Route route = byTemplate == null ? null : byTemplate.get(template);
        if (route == null) {
            throw new IllegalStateException("no route to wrap: " + method + " " + template);
        }
        byTemplate.put(template, new Route(route.access(), wrapper.apply(route.endpoint())));
        return this;
    }

    public HttpHandler build(BearerAuth auth, long maxRequestBytes) {
        RoutingHandler routing = Handlers.routing(false);
        Map<String, PathTemplateMatcher<Boolean>> allowed = new LinkedHashMap<>();
        routes.forEach((method, byTemplate) -> byTemplate.forEach((template, route) -> {
            routing.add(method, template, new EndpointHandler(route.endpoint(), route.access(), auth, maxRequestBytes));
            allowed.computeIfAbsent(method, m -> new PathTemplateMatcher<>()).add(template, Boolean.TRUE);
        }));
        routing.setFallbackHandler(ex -> ReplyWriter.write(ex, ErrorMapper.reply(404, "HTTP 404 Not Found", null)));
        routing.setInvalidMethodHandler(ex -> methodNotAllowed(ex, allowed));
        return routing;
    }

    private static void methodNotAllowed(HttpServerExchange exchange, Map<String, PathTemplateMatcher<Boolean>> allowed) {
        StringJoiner methods = new StringJoiner(", ");
        allowed.forEach((method, matcher) -> {
            if (matcher.match(exchange.getRelativePath()) != null) {
                methods.add(method);
            }
        });
        exchange.getResponseHeaders().put(Headers.ALLOW, methods.toString());
        ReplyWriter.write(exchange, ErrorMapper.reply(405, "HTTP 405 Method Not Allowed", null));
    }
}
