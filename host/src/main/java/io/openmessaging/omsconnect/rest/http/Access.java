package io.openmessaging.omsconnect.rest.http;

/** Whether a route changes something: with a REST token set, {@link #WRITE} routes need it. */
public enum Access {
    READ, WRITE
}
