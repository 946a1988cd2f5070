package io.openmessaging.omsconnect.jdbc.dialect;

import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.logical.Decimal;
import io.openmessaging.connector.api.errors.ConnectException;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Binds a Connect value to a statement parameter as the java.time / BigDecimal / byte[] value the column
 * type expects. Temporal values are wall-clock UTC, which keeps a MariaDB DATETIME's digits unchanged.
 * Values a converter may have turned into their storage form (epoch numbers, decimal bytes) are accepted too.
 */
final class ValueBinder {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private ValueBinder() {
    }

    static void bind(PreparedStatement ps, int index, Schema schema, Object value) throws SQLException {
        ConnectTypes type = ConnectTypes.of(schema);
        if (value == null) {
            ps.setNull(index, sqlType(type));
            return;
        }
        switch (type) {
            case INT8, INT16 -> ps.setShort(index, ((Number) value).shortValue());
            case INT32 -> ps.setInt(index, ((Number) value).intValue());
            case INT64 -> ps.setLong(index, ((Number) value).longValue());
            case FLOAT32 -> ps.setFloat(index, ((Number) value).floatValue());
            case FLOAT64 -> ps.setDouble(index, ((Number) value).doubleValue());
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            case BYTES -> ps.setBytes(index, bytes(value));
            case DECIMAL -> ps.setBigDecimal(index, value instanceof BigDecimal b ? b : Decimal.toLogical(schema, bytes(value)));
            case DATE -> ps.setObject(index, value instanceof Number n
                    ? LocalDate.ofEpochDay(n.longValue())
                    : LocalDate.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC));
            case TIME_MILLIS -> ps.setObject(index, LocalTime.ofNanoOfDay(Math.floorMod(millis(value), 86_400_000L) * 1_000_000L));
            case TIME_MICROS -> ps.setObject(index, timeOfDay(((Number) value).longValue()));
            case TIMESTAMP_MILLIS -> ps.setObject(index, LocalDateTime.ofInstant(instant(value), ZoneOffset.UTC));
            case TIMESTAMP_MICROS -> {
                long micros = ((Number) value).longValue();
                ps.setObject(index, LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC));
            }
            default -> ps.setString(index, value.toString());
        }
    }

    private static LocalTime timeOfDay(long micros) {
        if (micros < 0 || micros >= MICROS_PER_DAY) {
            throw new ConnectException("TIME value of " + micros + " µs is outside 00:00–24:00, which a TIME column cannot hold");
        }
        return LocalTime.ofNanoOfDay(micros * 1000L);
    }

    private static long millis(Object v) {
        return v instanceof Number n ? n.longValue() : ((java.util.Date) v).getTime();
    }

    private static Instant instant(Object v) {
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.ofEpochMilli(millis(v));
    }

    private static byte[] bytes(Object v) {
        if (v instanceof ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
        return (byte[]) v;
    }

    static int sqlType(ConnectTypes type) {
        return switch (type) {
            case INT8, INT16 -> Types.SMALLINT;
            case INT32 -> Types.INTEGER;
            case INT64 -> Types.BIGINT;
            case FLOAT32 -> Types.REAL;
            case FLOAT64 -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
            case BYTES -> Types.BINARY;
            case DECIMAL -> Types.NUMERIC;
            case DATE -> Types.DATE;
            case TIME_MILLIS, TIME_MICROS -> Types.TIME;
            case TIMESTAMP_MILLIS, TIMESTAMP_MICROS -> Types.TIMESTAMP;
            default -> Types.VARCHAR;
        };
    }
}
