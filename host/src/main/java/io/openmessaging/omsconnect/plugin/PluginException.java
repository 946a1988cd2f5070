package io.openmessaging.omsconnect.plugin;

/** A plugin could not be installed, loaded or used. {@code badInput} marks the caller's fault (HTTP 4xx). */
public class PluginException extends RuntimeException {
    public enum Reason { BAD_ARCHIVE, NOT_FOUND, CONFLICT, LOAD_FAILED }

    private final Reason reason;

    public PluginException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PluginException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public boolean badInput() {
        return reason != Reason.LOAD_FAILED;
    }
}
