package io.openmessaging.omsconnect.rest.http;

import java.io.IOException;

/**
 * Thrown by {@link SizeLimitedInputStream} when a request body passes its limit. An IOException so that
 * code reading the stream (e.g. the plugin installer) fails the way it fails on any broken stream; the
 * REST layer finds it in the cause chain and answers 413.
 */
public final class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long limit) {
        super("request body is larger than the limit of " + limit + " bytes");
    }
}
