package io.openmessaging.omsconnect.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.FormatDescriptionEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.QueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RotateEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TransactionPayloadEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The event deserializer the reader uses: the library's, restricted to the events the reader follows,
 * with rows deserializers that keep TIME's sign ({@link SignedTime}). Temporal values come as epoch
 * microseconds, CHAR/BINARY as bytes (decoded later with the column's charset).
 */
final class RowsDeserializers {

    private RowsDeserializers() {
    }

    static EventDeserializer create() {
        Map<Long, TableMapEventData> tableMaps = new HashMap<>();
        EventDeserializer d = new EventDeserializer(new EventHeaderV4Deserializer(), new NullEventDataDeserializer(),
                new IdentityHashMap<>(), tableMaps);
        d.setCompatibilityMode(EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        d.setEventDataDeserializer(EventType.FORMAT_DESCRIPTION, new FormatDescriptionEventDataDeserializer());
        d.setEventDataDeserializer(EventType.ROTATE, new RotateEventDataDeserializer());
        d.setEventDataDeserializer(EventType.QUERY, new QueryEventDataDeserializer());
        d.setEventDataDeserializer(EventType.TABLE_MAP, new TableMapEventDataDeserializer());
        d.setEventDataDeserializer(EventType.XID, new XidEventDataDeserializer());
        d.setEventDataDeserializer(EventType.MARIADB_GTID, new MariadbGtidEventDataDeserializer());
        d.setEventDataDeserializer(EventType.TRANSACTION_PAYLOAD, new TransactionPayloadEventDataDeserializer());
        d.setEventDataDeserializer(EventType.WRITE_ROWS, new Write(tableMaps));
        d.setEventDataDeserializer(EventType.UPDATE_ROWS, new Update(tableMaps));
        d.setEventDataDeserializer(EventType.DELETE_ROWS, new Delete(tableMaps));
        d.setEventDataDeserializer(EventType.EXT_WRITE_ROWS, new Write(tableMaps).setMayContainExtraInformation(true));
        d.setEventDataDeserializer(EventType.EXT_UPDATE_ROWS, new Update(tableMaps).setMayContainExtraInformation(true));
        d.setEventDataDeserializer(EventType.EXT_DELETE_ROWS, new Delete(tableMaps).setMayContainExtraInformation(true));
        return d;
    }

    private static final class Write extends WriteRowsEventDataDeserializer {
        Write(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return SignedTime.decode(meta, in);
        }
    }

    private static final class Update extends UpdateRowsEventDataDeserializer {
        Update(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return SignedTime.decode(meta, in);
        }
    }

    private static final class Delete extends DeleteRowsEventDataDeserializer {
        Delete(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return SignedTime.decode(meta, in);
        }
    }
}
