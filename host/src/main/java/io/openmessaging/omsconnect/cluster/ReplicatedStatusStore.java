package io.openmessaging.omsconnect.cluster;

import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.store.ReportedStatus;
import io.openmessaging.omsconnect.store.StatusStore;
import io.openmessaging.omsconnect.worker.Status;

/**
 * A cluster's statuses, as this worker applied them from the log: each worker's herder publishes what its own
 * tasks report ({@link DistributedHerder}), so any worker answers for all.
 */
final class ReplicatedStatusStore implements StatusStore {
    private final ClusterState state;

    ReplicatedStatusStore(ClusterState state) {
        this.state = state;
    }

    @Override
    public ReportedStatus connector(String connector) {
        return reported(Unit.instance(connector));
    }

    @Override
    public ReportedStatus task(ConnectorTaskId task) {
        return reported(Unit.of(task));
    }

    private ReportedStatus reported(Unit unit) {
        return state.status(unit).orElse(new ReportedStatus(Status.UNASSIGNED, null));
    }
}
