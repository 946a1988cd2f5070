package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.task.source.SourceTaskContext;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.storage.OffsetStorageReader;
import io.openmessaging.internal.DefaultKeyValue;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** A source task context whose offset store is a map the test fills. */
final class FakeSourceTaskContext implements SourceTaskContext, OffsetStorageReader {

    private final Map<RecordPartition, RecordOffset> committed = new HashMap<>();

    void commit(RecordPartition partition, RecordOffset offset) {
        committed.put(partition, offset);
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return this;
    }

    @Override
    public RecordOffset readOffset(RecordPartition partition) {
        return committed.get(partition);
    }

    @Override
    public Map<RecordPartition, RecordOffset> readOffsets(Collection<RecordPartition> partitions) {
        Map<RecordPartition, RecordOffset> found = new HashMap<>();
        for (RecordPartition partition : partitions) {
            if (committed.containsKey(partition)) {
                found.put(partition, committed.get(partition));
            }
        }
        return found;
    }

    @Override
    public String getConnectorName() {
        return "file-source";
    }

    @Override
    public String getTaskName() {
        return "0";
    }

    @Override
    public KeyValue configs() {
        return new DefaultKeyValue();
    }
}
