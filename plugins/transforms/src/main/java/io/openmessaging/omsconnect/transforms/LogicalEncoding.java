package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.logical.Date;
import io.openmessaging.connector.api.data.logical.Time;
import io.openmessaging.connector.api.data.logical.Timestamp;

/**
 * A Date, Time or Timestamp value as the number its schema encodes it to (days since the epoch, millis of
 * the day, millis since the epoch), which is what Cast casts to a number.
 */
final class LogicalEncoding {

    private LogicalEncoding() {
    }

    /** The encoded value; any other value as it is. */
    static Object encode(Schema schema, Object value) {
        if (schema == null || schema.getName() == null || !(value instanceof java.util.Date date)) {
            return value;
        }
        return switch (schema.getName()) {
            case Date.LOGICAL_NAME -> Date.fromLogical(schema, date);
            case Time.LOGICAL_NAME -> Time.fromLogical(schema, date);
            case Timestamp.LOGICAL_NAME -> Timestamp.fromLogical(schema, date);
            default -> value;
        };
    }
}
