package io.openmessaging.omsconnect.jdbc.dialect;

import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.logical.Date;
import io.openmessaging.connector.api.data.logical.Decimal;
import io.openmessaging.connector.api.data.logical.Time;
import io.openmessaging.connector.api.data.logical.Timestamp;

/** The value kinds a column can hold, told apart by a Connect schema's type and logical name. */
public enum ConnectTypes {
    INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES, DECIMAL, DATE, TIME_MILLIS, TIME_MICROS,
    TIMESTAMP_MILLIS, TIMESTAMP_MICROS;

    /** Names the mysql-connector gives values the API's millisecond types cannot carry. */
    public static final String MICRO_TIMESTAMP = "io.openmessaging.omsconnect.data.MicroTimestamp";
    public static final String MICRO_TIME = "io.openmessaging.omsconnect.data.MicroTime";
    /** Precision of a decimal, when the producer says it (the API's Decimal only carries the scale). */
    public static final String DECIMAL_PRECISION = "connect.decimal.precision";

    public static ConnectTypes of(Schema s) {
        String name = s.getName();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME:
                    return DECIMAL;
                case Date.LOGICAL_NAME:
                    return DATE;
                case Time.LOGICAL_NAME:
                    return TIME_MILLIS;
                case Timestamp.LOGICAL_NAME:
                    return TIMESTAMP_MILLIS;
                case MICRO_TIMESTAMP:
                    return TIMESTAMP_MICROS;
                case MICRO_TIME:
                    return TIME_MICROS;
                default:
                    break;
            }
        }
        switch (s.getFieldType()) {
            case INT8:
                return INT8;
            case INT16:
                return INT16;
            case INT32:
                return INT32;
            case INT64:
                return INT64;
            case FLOAT32:
                return FLOAT32;
            case FLOAT64:
                return FLOAT64;
            case BOOLEAN:
                return BOOLEAN;
            case BYTES:
                return BYTES;
            case DATETIME:
                return TIMESTAMP_MILLIS;
            default:
                // strings, and nested structures written as their text
                return STRING;
        }
    }

    /** Scale of a Decimal schema. */
    public static int scale(Schema s) {
        return Integer.parseInt(s.getParameters().getOrDefault(Decimal.SCALE_FIELD, "0"));
    }

    /** Precision of a Decimal schema, or -1 when the producer did not say. */
    public static int precision(Schema s) {
        String p = s.getParameters() == null ? null : s.getParameters().get(DECIMAL_PRECISION);
        return p == null ? -1 : Integer.parseInt(p);
    }
}
