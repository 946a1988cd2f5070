package io.openmessaging.omsconnect.convert;

import io.openmessaging.connector.api.errors.ConnectException;

/** Data that a converter cannot turn into bytes or back. */
public class ConversionException extends ConnectException {
    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
