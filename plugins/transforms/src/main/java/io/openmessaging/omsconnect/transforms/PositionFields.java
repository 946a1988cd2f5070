package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.data.RecordPosition;

import java.util.Map;
import java.util.TreeMap;

/**
 * Kafka's partition and offset, which InsertField writes into fields, read from an OpenMessaging record's
 * position, whose partition and offset are maps. The partition is the text of its map; the offset is a sink
 * record's {@code queueOffset} (text, as RocketMQ Connect gives it, or a number) as a long, else the one number
 * its map holds, else the text of its map. A map's
 * text lists its entries sorted by name, so it is the same for equal maps.
 */
final class PositionFields {
    private static final String QUEUE_OFFSET = "queueOffset";

    private PositionFields() {
    }

    /** The partition's text; null when the record has none. */
    static String partition(ConnectRecord record) {
        RecordPosition position = record.getPosition();
        RecordPartition partition = position == null ? null : position.getPartition();
        return partition == null || partition.getPartition() == null ? null : text(partition.getPartition());
    }

    /** The offset: a Long or its text; null when the record has none. */
    static Object offset(ConnectRecord record) {
        Map<String, ?> offset = offsetMap(record);
        if (offset == null) {
            return null;
        }
        Long number = soleNumber(offset);
        return number != null ? number : text(offset);
    }

    /** Whether the record's offset is one number, a long field's value. */
    static boolean isNumericOffset(ConnectRecord record) {
        Map<String, ?> offset = offsetMap(record);
        return offset != null && soleNumber(offset) != null;
    }

    private static Map<String, ?> offsetMap(ConnectRecord record) {
        RecordPosition position = record.getPosition();
        RecordOffset offset = position == null ? null : position.getOffset();
        return offset == null ? null : offset.getOffset();
    }

    private static Long soleNumber(Map<String, ?> map) {
        Object queueOffset = map.get(QUEUE_OFFSET);
        if (queueOffset instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                // not a position: the text of the map
            }
        }
        Long found = null;
        for (Object value : map.values()) {
            if (value instanceof Number number) {
                if (found != null) {
                    return null;
                }
                found = number.longValue();
            }
        }
        return found;
    }

    private static String text(Map<String, ?> map) {
        return new TreeMap<>(map).toString();
    }
}
