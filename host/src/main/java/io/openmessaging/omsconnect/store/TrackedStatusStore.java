package io.openmessaging.omsconnect.store;

import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.worker.StatusTracker;

/** A standalone worker's statuses: everything runs here, so what its tracker holds is the whole truth. */
public final class TrackedStatusStore implements StatusStore {
    private final StatusTracker tracker;
    private final String workerId;

    public TrackedStatusStore(StatusTracker tracker, String workerId) {
        this.tracker = tracker;
        this.workerId = workerId;
    }

    @Override
    public ReportedStatus connector(String connector) {
        return new ReportedStatus(tracker.connector(connector), workerId);
    }

    @Override
    public ReportedStatus task(ConnectorTaskId task) {
        return new ReportedStatus(tracker.task(task), workerId);
    }
}
