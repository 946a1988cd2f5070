package io.openmessaging.omsconnect.rest;

import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.herder.NotFoundException;
import io.openmessaging.omsconnect.logging.LogLevels;
import io.openmessaging.omsconnect.rest.http.Call;
import io.openmessaging.omsconnect.rest.http.HttpError;
import io.openmessaging.omsconnect.rest.http.Reply;
import io.openmessaging.omsconnect.rest.http.Router;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka Connect's {@code /admin/loggers} (KIP-495, KIP-976): {@code GET /admin/loggers} (the loggers with a
 * level of their own: {@code {"<logger>": {"level", "last_modified"}}}), {@code GET /admin/loggers/{logger}}
 * (its effective level; 404 when no such logger), {@code PUT /admin/loggers/{logger}[?scope=worker|cluster]}
 * with {@code {"level": "DEBUG"}}: worker scope answers 200 with the loggers set, cluster scope 204 (every
 * worker sets it). As Kafka, a scope other than "cluster" is the worker's.
 */
final class LoggersResource {
    private final Herder herder;

    LoggersResource(Herder herder) {
        this.herder = herder;
    }

    void register(Router router) {
        router.get("/admin/loggers", call -> {
            Map<String, Object> out = new LinkedHashMap<>();
            herder.logLevels().explicit().forEach((name, level) -> out.put(name, entity(level)));
            return Reply.ok(out);
        }).get("/admin/loggers/{logger}", call -> {
            String name = call.pathParam("logger");
            return Reply.ok(entity(herder.logLevels().of(name)
                    .orElseThrow(() -> new NotFoundException("Logger " + name + " not found."))));
        }).write("PUT", "/admin/loggers/{logger}", this::setLevel);
    }

    private Reply setLevel(Call call) {
        String name = call.pathParam("logger");
        JSONObject body = call.jsonBody();
        Object level = body.get("level");
        if (!(level instanceof String text)) {
            throw HttpError.badRequest("level", "Desired 'level' parameter was not specified in request.");
        }
        try {
            LogLevels.parse(text); // checked once here, for both scopes
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("level", e.getMessage());
        }
        if ("cluster".equalsIgnoreCase(call.query("scope").orElse("worker"))) {
            herder.setClusterLogLevel(name, text);
            return Reply.noContent();
        }
        return Reply.ok(herder.logLevels().set(name, text));
    }

    /** Kafka's LoggerLevel: {@code {"level", "last_modified"}}, the time null when not set since start. */
    private static Map<String, Object> entity(LogLevels.LoggerLevel level) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("level", level.level());
        out.put("last_modified", level.lastModified());
        return out;
    }
}
