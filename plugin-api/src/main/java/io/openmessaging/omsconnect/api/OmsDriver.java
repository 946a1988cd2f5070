package io.openmessaging.omsconnect.api;

import io.openmessaging.KeyValue;
import io.openmessaging.MessagingAccessPoint;
import org.pf4j.ExtensionPoint;

/**
 * An OpenMessaging driver that a plugin offers as a pf4j extension, for drivers whose access point
 * class does not follow the OMS 0.3.1 naming rule ({@code io.openmessaging.<driver>.MessagingAccessPointImpl}).
 * Drivers that follow the rule need nothing of this: the host finds them by name.
 */
public interface OmsDriver extends ExtensionPoint {

    /** The driver name, as it appears in {@code oms:<name>://...}. */
    String name();

    /**
     * Creates an access point. {@code attributes} holds the parsed URL under the OMS built-in keys
     * ({@code DRIVER_IMPL}, {@code ACCESS_POINTS}, {@code REGION}, {@code ACCOUNT_ID}) plus any
     * properties the worker passes through.
     */
    MessagingAccessPoint create(KeyValue attributes);
}
