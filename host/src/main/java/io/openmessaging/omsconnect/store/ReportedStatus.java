package io.openmessaging.omsconnect.store;

import io.openmessaging.omsconnect.worker.Status;

/** A connector's or task's status as the worker running it reported it. */
public record ReportedStatus(Status status, String workerId) {
}
