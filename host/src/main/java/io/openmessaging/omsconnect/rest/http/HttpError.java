package io.openmessaging.omsconnect.rest.http;

/**
 * A request the REST layer itself refuses before the herder sees it (bad JSON, bad parameter, missing
 * token, too large…). Carries the HTTP status and, for 400, the field at fault when there is one.
 */
public final class HttpError extends RuntimeException {
    private final int status;
    private final String field;

    private HttpError(int status, String field, String message) {
        super(message, null, false, false); // expected user errors: no stack trace to fill or log
        this.status = status;
        this.field = field;
    }

    public static HttpError badRequest(String field, String message) {
        return new HttpError(400, field, message);
    }

    public static HttpError unauthorized(String message) {
        return new HttpError(401, null, message);
    }

    public static HttpError forbidden(String message) {
        return new HttpError(403, null, message);
    }

    public static HttpError tooLarge(String message) {
        return new HttpError(413, null, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
