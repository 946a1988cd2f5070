package io.openmessaging.omsconnect.mysql.binlog;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.data.Struct;
import io.openmessaging.omsconnect.mysql.schema.TableDef;

import java.util.function.Consumer;

/**
 * Makes the record of one row change: key = primary key struct, value = the op/database/table/before/after/ts_ms
 * envelope, topic (extension {@code topic}) = prefix + table name, and the row's binlog position as offset.
 */
final class ChangeRecords {

    static final String CREATE = "c", UPDATE = "u", DELETE = "d";
    /** The record extension the worker reads the destination topic from. */
    static final String TOPIC_EXTENSION = "topic";

    private final RecordPartition partition;
    private final String topicPrefix;
    private final Consumer<ConnectRecord> out;

    ChangeRecords(RecordPartition partition, String topicPrefix, Consumer<ConnectRecord> out) {
        this.partition = partition;
        this.topicPrefix = topicPrefix;
        this.out = out;
    }

    void emit(TableDef def, String op, Struct before, Struct after, BinlogPosition pos, long tsMs) {
        Struct envelope = new Struct(def.envelopeSchema());
        envelope.put(TableDef.OP, op);
        envelope.put(TableDef.DATABASE, def.database());
        envelope.put(TableDef.TABLE, def.table());
        envelope.put(TableDef.BEFORE, before);
        envelope.put(TableDef.AFTER, after);
        envelope.put(TableDef.TS_MS, tsMs);
        Struct key = def.key(after != null ? after : before);
        ConnectRecord record = new ConnectRecord(partition, pos.toOffset(), tsMs, def.keySchema(), key, def.envelopeSchema(), envelope);
        record.addExtension(TOPIC_EXTENSION, topicPrefix + def.table());
        out.accept(record);
    }
}
