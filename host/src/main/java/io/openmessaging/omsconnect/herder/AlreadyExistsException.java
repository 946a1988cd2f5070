package io.openmessaging.omsconnect.herder;

/** Mapped to HTTP 409. */
public class AlreadyExistsException extends HerderException {
    public AlreadyExistsException(String message) {
        super(message);
    }
}
