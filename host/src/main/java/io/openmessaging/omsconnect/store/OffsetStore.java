package io.openmessaging.omsconnect.store;

import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Source positions (Kafka Connect's OffsetBackingStore): per connector, the last committed
 * {@link RecordOffset} of each {@link RecordPartition}. Sink positions are not here: they are the queue's
 * consumer-group offsets.
 */
public interface OffsetStore {

    /** A snapshot of the connector's committed positions. */
    Map<RecordPartition, RecordOffset> positions(String connector);

    RecordOffset position(String connector, RecordPartition partition);

    /**
     * Merges {@code updates} into the connector's positions, durably; a null offset removes one.
     *
     * @param writer the task that writes them, or null for an administrator's change. A store shared by a
     *               cluster refuses (with {@link FencedException}) a task that no longer holds its assignment.
     */
    void commit(String connector, ConnectorTaskId writer, Map<RecordPartition, RecordOffset> updates);

    /**
     * {@link #commit}, completing when it is durable, so that a source task polls on while its positions are
     * written (Kafka Connect flushes offsets off the task's thread too). A store whose writes are quick local
     * ones (a file) writes at once; a cluster's completes when the log has applied it. Fails as {@code commit}
     * throws ({@link FencedException} when the writer lost its assignment). The map is not used after the call.
     */
    default CompletableFuture<Void> commitAsync(String connector, ConnectorTaskId writer,
                                                Map<RecordPartition, RecordOffset> updates) {
        try {
            commit(connector, writer, updates);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    void delete(String connector);

    /** {@code current} with {@code updates} applied: a null offset removes its partition. */
    static Map<RecordPartition, RecordOffset> merged(Map<RecordPartition, RecordOffset> current,
                                                     Map<RecordPartition, RecordOffset> updates) {
        Map<RecordPartition, RecordOffset> next = new LinkedHashMap<>(current);
        updates.forEach((p, o) -> {
            if (o == null) {
                next.remove(p);
            } else {
                next.put(p, o);
            }
        });
        return next;
    }

    /** A write from a task that lost its assignment (another worker may run it now): nothing was stored. */
    final class FencedException extends IllegalStateException {
        public FencedException(String message) {
            super(message);
        }
    }
}
