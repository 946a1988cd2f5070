package io.openmessaging.omsconnect.driversupport;

import io.openmessaging.exception.OMSNotSupportedException;

/**
 * How a driver refuses the parts of the OMS API it does not implement. OMS 0.3.1 makes every driver implement
 * the whole API (push and streaming consumers, routings, transactions…); a caller that reaches an unsupported
 * part gets an {@link OMSNotSupportedException} that names the driver, so a worker running several drivers
 * tells which one refused.
 *
 * @param driver the driver's name as a user knows it, e.g. {@code Kafka}
 */
public record Unsupported(String driver) {

    /** "Not supported by the {driver} driver: {what}". */
    public OMSNotSupportedException exception(String what) {
        return new OMSNotSupportedException("-1", "Not supported by the " + driver + " driver: " + what);
    }
}
