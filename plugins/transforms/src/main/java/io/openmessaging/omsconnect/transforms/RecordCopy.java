package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordPosition;

/**
 * A new record like another: same position, timestamp, key, value and schemas, and extensions of its own (a
 * transform changing the copy's headers or topic leaves the input's alone). Keys and values are shared, not
 * copied: transforms build new ones instead of changing them.
 */
final class RecordCopy {

    private RecordCopy() {
    }

    static ConnectRecord of(ConnectRecord record) {
        RecordPosition position = record.getPosition();
        ConnectRecord copy = new ConnectRecord(
                position == null ? null : position.getPartition(),
                position == null ? null : position.getOffset(),
                record.getTimestamp(),
                record.getKeySchema(), record.getKey(),
                record.getSchema(), record.getData());
        if (position == null) {
            copy.setPosition(null);
        }
        if (record.getExtensions() != null) {
            copy.addExtension(record.getExtensions());
        }
        return copy;
    }
}
