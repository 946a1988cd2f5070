package io.openmessaging.omsconnect.driver;

/** An {@code oms-driver-url} could not be turned into a working access point. */
public class DriverException extends RuntimeException {
    public DriverException(String message) {
        super(message);
    }

    public DriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
