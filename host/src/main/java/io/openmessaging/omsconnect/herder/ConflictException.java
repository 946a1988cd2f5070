package io.openmessaging.omsconnect.herder;

/** Mapped to HTTP 409. */
public class ConflictException extends HerderException {
    public ConflictException(String message) {
        super(message);
    }
}
