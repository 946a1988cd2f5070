package io.openmessaging.omsconnect.driversupport.access;

import io.openmessaging.ServiceLifecycle;

import java.util.function.BooleanSupplier;

/**
 * A producer or consumer a driver just made, with how to tell that it was shut down: {@link ServiceLifecycle}
 * cannot say, and the access point forgets those that are (see {@link OwnedServices}).
 */
public record Owned<T extends ServiceLifecycle>(T service, BooleanSupplier closed) {
}
