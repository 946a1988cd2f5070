package io.openmessaging.omsconnect.mysql;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.task.source.SourceTaskContext;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.storage.OffsetStorageReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A MysqlSourceTask driven the way the worker drives it, with an in-memory offset store: {@link #take}
 * polls until it has the records it waits for, {@link #commit} marks a record's offset committed.
 */
final class RunningSource implements AutoCloseable {

    final Map<RecordPartition, RecordOffset> offsets;
    final MysqlSourceTask task = new MysqlSourceTask();

    RunningSource(KeyValue config, Map<RecordPartition, RecordOffset> offsets) {
        this.offsets = offsets;
        task.init(new SourceTaskContext() {
            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public RecordOffset readOffset(RecordPartition partition) {
                        return offsets.get(partition);
                    }

                    @Override
                    public Map<RecordPartition, RecordOffset> readOffsets(Collection<RecordPartition> partitions) {
                        Map<RecordPartition, RecordOffset> out = new HashMap<>();
                        partitions.forEach(p -> out.put(p, offsets.get(p)));
                        return out;
                    }
                };
            }

            @Override
            public String getConnectorName() {
                return "mysql-test";
            }

            @Override
            public String getTaskName() {
                return "mysql-test-0";
            }

            @Override
            public KeyValue configs() {
                return config;
            }
        });
        task.start(config);
    }

    RunningSource(KeyValue config) {
        this(config, new HashMap<>());
    }

    /** Polls until {@code n} records arrived (fails after 30 s without progress). */
    List<ConnectRecord> take(int n) throws InterruptedException {
        List<ConnectRecord> out = new ArrayList<>();
        long idleSince = System.nanoTime();
        while (out.size() < n) {
            List<ConnectRecord> batch = task.poll();
            if (batch.isEmpty()) {
                if (System.nanoTime() - idleSince > 30_000_000_000L) {
                    throw new AssertionError("only " + out.size() + " of " + n + " records arrived");
                }
            } else {
                idleSince = System.nanoTime();
                out.addAll(batch);
            }
        }
        return out;
    }

    /** Polls for {@code ms} and returns whatever arrived (to show that nothing more comes). */
    List<ConnectRecord> drain(long ms) throws InterruptedException {
        List<ConnectRecord> out = new ArrayList<>();
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
            out.addAll(task.poll());
        }
        return out;
    }

    void commit(ConnectRecord r) {
        offsets.put(r.getPosition().getPartition(), r.getPosition().getOffset());
    }

    @Override
    public void close() {
        task.stop();
    }
}
