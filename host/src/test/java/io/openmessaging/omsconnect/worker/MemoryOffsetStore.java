package io.openmessaging.omsconnect.worker;

import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.store.OffsetStore;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Source positions in memory, for unit tests of the worker and its tasks; counts the commits it was given. */
final class MemoryOffsetStore implements OffsetStore {
    private final Map<String, Map<RecordPartition, RecordOffset>> byConnector = new ConcurrentHashMap<>();
    final AtomicInteger commits = new AtomicInteger();

    @Override
    public Map<RecordPartition, RecordOffset> positions(String connector) {
        return byConnector.getOrDefault(connector, Map.of());
    }

    @Override
    public RecordOffset position(String connector, RecordPartition partition) {
        return positions(connector).get(partition);
    }

    @Override
    public void commit(String connector, ConnectorTaskId writer, Map<RecordPartition, RecordOffset> updates) {
        byConnector.compute(connector, (c, current) -> Map.copyOf(OffsetStore.merged(current == null ? Map.of() : current, updates)));
        commits.incrementAndGet();
    }

    /** When set, asynchronous writes wait for it (a cluster's log still on its way); completed by the test. */
    volatile CompletableFuture<Void> gate;
    /** When set, asynchronous writes fail with it (the writer lost its assignment). */
    volatile RuntimeException refuseWith;
    final AtomicInteger writesAsked = new AtomicInteger();

    @Override
    public CompletableFuture<Void> commitAsync(String connector, ConnectorTaskId writer,
                                               Map<RecordPartition, RecordOffset> updates) {
        writesAsked.incrementAndGet();
        if (refuseWith != null) {
            return CompletableFuture.failedFuture(refuseWith);
        }
        CompletableFuture<Void> wait = gate;
        return wait == null ? OffsetStore.super.commitAsync(connector, writer, updates)
                : wait.thenRun(() -> commit(connector, writer, updates));
    }

    @Override
    public void delete(String connector) {
        byConnector.remove(connector);
    }
}
