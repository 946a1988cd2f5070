package io.openmessaging.omsconnect.herder;

/** Mapped to HTTP 404. */
public class NotFoundException extends HerderException {
    public NotFoundException(String message) {
        super(message);
    }
}
