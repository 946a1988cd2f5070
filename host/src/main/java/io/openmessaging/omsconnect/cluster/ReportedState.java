package io.openmessaging.omsconnect.cluster;

import io.openmessaging.omsconnect.worker.State;

/** A unit's status as its holder reported it through the log. */
public record ReportedState(State state, String trace, String workerId) {
}
