package io.openmessaging.omsconnect.store;

import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;

/**
 * The status of every connector instance and task, with the worker that reported it (Kafka Connect's
 * StatusBackingStore): what the herder answers status calls from. Workers report into their own
 * {@link io.openmessaging.omsconnect.worker.StatusTracker}; standalone, that tracker is the store
 * ({@link TrackedStatusStore}); in a cluster the herder publishes what its tracker hears into the replicated
 * state, which every worker reads.
 */
public interface StatusStore {

    /** The connector instance's status; {@code UNASSIGNED} (no worker) when none was reported. */
    ReportedStatus connector(String connector);

    /** The task's status; {@code UNASSIGNED} (no worker) when none was reported. */
    ReportedStatus task(ConnectorTaskId task);
}
