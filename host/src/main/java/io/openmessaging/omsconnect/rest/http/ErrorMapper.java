package io.openmessaging.omsconnect.rest.http;

import io.openmessaging.omsconnect.driver.DriverException;
import io.openmessaging.omsconnect.herder.AlreadyExistsException;
import io.openmessaging.omsconnect.herder.BadRequestException;
import io.openmessaging.omsconnect.herder.ClusterUnavailableException;
import io.openmessaging.omsconnect.herder.ConflictException;
import io.openmessaging.omsconnect.herder.HerderException;
import io.openmessaging.omsconnect.herder.NotFoundException;
import io.openmessaging.omsconnect.plugin.PluginException;
import io.openmessaging.omsconnect.rest.entity.ErrorMessage;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * The one place where failures become HTTP answers {@code {"error_code", "message"}} (plus, for a 400 about
 * one key or parameter, the {@value #FIELD_HEADER} header). Typed refusals keep
 * their message; anything unexpected is a 500 with a generic message and a reference, logged once with
 * its stack trace. Statuses: herder NotFound 404, AlreadyExists/Conflict 409, BadRequest 400, ClusterUnavailable 503;
 * plugin BAD_ARCHIVE 400, NOT_FOUND 404, CONFLICT 409, LOAD_FAILED 422 (the plugin's content could not
 * be loaded: the caller's archive, not the worker, is at fault); DriverException 422 (the driver URL
 * cannot be served); a body over its limit 413; an unreadable body 400.
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static Reply toReply(Throwable t, String method, String path) {
        if (t instanceof HttpError e) {
            return reply(e.status(), e.getMessage(), e.field());
        }
        if (tooLarge(t)) {
            return reply(413, "request body is larger than the limit", null);
        }
        if (t instanceof BadRequestException e) {
            return reply(400, e.getMessage(), e.field());
        }
        if (t instanceof NotFoundException) {
            return reply(404, t.getMessage(), null);
        }
        if (t instanceof AlreadyExistsException || t instanceof ConflictException) {
            return reply(409, t.getMessage(), null);
        }
        if (t instanceof ClusterUnavailableException) {
            return reply(503, t.getMessage(), null);
        }
        if (t instanceof HerderException) {
            return reply(400, t.getMessage(), null);
        }
        if (t instanceof PluginException e) {
            return switch (e.reason()) {
                case BAD_ARCHIVE -> reply(400, e.getMessage(), null);
                case NOT_FOUND -> reply(404, e.getMessage(), null);
                case CONFLICT -> reply(409, e.getMessage(), null);
                case LOAD_FAILED -> {
                    log.warn("{} {}: plugin could not be loaded: {}", method, path, withCause(e));
                    yield reply(422, withCause(e), null);
                }
            };
        }
        if (t instanceof DriverException e) {
            log.warn("{} {}: driver failure: {}", method, path, withCause(e));
            return reply(422, withCause(e), null);
        }
        if (t instanceof IOException) {
            // the client's stream broke or was malformed (e.g. a bad multipart body)
            return reply(400, "could not read the request: " + t.getMessage(), null);
        }
        String ref = UUID.randomUUID().toString().substring(0, 8);
        log.error("{} {} failed unexpectedly (ref {})", method, path, ref, t);
        return reply(500, "internal error (ref " + ref + "); see the worker log", null);
    }

    /** Response header naming the config key or parameter a 400 is about, when there is one. */
    public static final String FIELD_HEADER = "Omsconnect-Error-Field";

    /** An error answer; the message names {@code field} (prefixed with it when it does not already). */
    public static Reply reply(int status, String message, String field) {
        String text = message == null ? "HTTP " + status : message;
        if (field == null) {
            return new Reply(status, new ErrorMessage(status, text), Reply.JSON, Map.of());
        }
        if (!text.contains(field)) {
            text = field + ": " + text;
        }
        return new Reply(status, new ErrorMessage(status, text), Reply.JSON, Map.of(FIELD_HEADER, field));
    }

    private static boolean tooLarge(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BodyTooLargeException || c instanceof RequestTooBigException
                    || c instanceof MultiPartParserDefinition.FileTooLargeException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static String withCause(Throwable e) {
        String message = String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null || message.contains(cause.getMessage())
                ? message : message + ": " + cause.getMessage();
    }
}
