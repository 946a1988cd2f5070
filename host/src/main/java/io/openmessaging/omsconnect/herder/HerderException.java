package io.openmessaging.omsconnect.herder;

/** A request the herder refuses; the subclass says why, and the REST layer maps it to a status. */
public abstract class HerderException extends RuntimeException {
    protected HerderException(String message) {
        super(message);
    }
}
