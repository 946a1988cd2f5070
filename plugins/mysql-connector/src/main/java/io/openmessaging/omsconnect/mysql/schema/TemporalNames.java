package io.openmessaging.omsconnect.mysql.schema;

/**
 * Names of the schemas this connector adds beside the API's logical types, for values the API's
 * millisecond {@code java.util.Date} types cannot carry. Sinks recognise them by name; the JDBC sink does.
 */
public final class TemporalNames {
    /** int64: microseconds since the epoch; DATETIME/TIMESTAMP with 4–6 fractional digits (DATETIME read as UTC wall time). */
    public static final String MICRO_TIMESTAMP = "io.openmessaging.omsconnect.data.MicroTimestamp";
    /** int64: microseconds since midnight, may exceed a day (MariaDB TIME spans ±838 hours). */
    public static final String MICRO_TIME = "io.openmessaging.omsconnect.data.MicroTime";
    /** Schema parameter carrying a decimal's precision (the API's Decimal only carries the scale). */
    public static final String DECIMAL_PRECISION = "connect.decimal.precision";
    /** Schema parameter carrying the source column's declared type, e.g. {@code varchar(20)}. */
    public static final String COLUMN_TYPE = "source.column.type";
    /** Schema parameter carrying the maximum length in characters of a string column. */
    public static final String COLUMN_LENGTH = "source.column.length";

    private TemporalNames() {
    }
}
