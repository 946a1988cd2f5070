package io.openmessaging.omsconnect.cluster;

import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.store.OffsetStore;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster's source positions, in the replicated state. A task's write names the task and this worker,
 * and is refused when this worker no longer holds the task: a worker whose lease ran out cannot move a
 * position the task's new worker relies on.
 */
public final class RaftOffsetStore implements OffsetStore {
    private final ClusterState state;
    private final CommandLog raft;
    private final String workerId;

    public RaftOffsetStore(ClusterState state, CommandLog raft, String workerId) {
        this.state = state;
        this.raft = raft;
        this.workerId = workerId;
    }

    @Override
    public Map<RecordPartition, RecordOffset> positions(String connector) {
        return state.positions(connector);
    }

    @Override
    public RecordOffset position(String connector, RecordPartition partition) {
        return state.position(connector, partition); // one entry, not a copy of all the connector's
    }

    @Override
    public void commit(String connector, ConnectorTaskId writer, Map<RecordPartition, RecordOffset> updates) {
        if (updates.isEmpty()) {
            return;
        }
        requireHeld(raft.call(command(connector, writer, updates)));
    }

    /** Not waited for: a task's flush only hands the command to the log (it fails as {@link #commit} throws). */
    @Override
    public CompletableFuture<Void> commitAsync(String connector, ConnectorTaskId writer,
                                               Map<RecordPartition, RecordOffset> updates) {
        if (updates.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return raft.submit(command(connector, writer, updates)).thenAccept(RaftOffsetStore::requireHeld);
    }

    private JSONObject command(String connector, ConnectorTaskId writer, Map<RecordPartition, RecordOffset> updates) {
        return Commands.positions(connector, writer == null ? null : Unit.of(writer), workerId, updates);
    }

    private static void requireHeld(JSONObject result) {
        if (!result.getBooleanValue("ok")) {
            throw new FencedException(result.getString("error"));
        }
    }

    @Override
    public void delete(String connector) {
        raft.call(Commands.deletePositions(connector));
    }
}
