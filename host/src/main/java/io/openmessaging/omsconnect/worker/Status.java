package io.openmessaging.omsconnect.worker;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A connector's or task's state, with the stack trace of the failure when FAILED. */
public record Status(State state, String trace) {
    public static final Status UNASSIGNED = new Status(State.UNASSIGNED, null);

    public static Status of(State state) {
        return new Status(state, null);
    }

    public static Status failed(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return new Status(State.FAILED, w.toString());
    }
}
