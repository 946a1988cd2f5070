package io.openmessaging.omsconnect.herder;

/** Mapped to HTTP 400; {@link #field()} names the config key or parameter at fault, when there is one. */
public class BadRequestException extends HerderException {
    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
