package io.openmessaging.omsconnect.mysql.schema;

import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import io.openmessaging.connector.api.errors.ConnectException;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.BitSet;
import java.util.StringJoiner;

/**
 * Turns one binlog cell (as mysql-binlog-connector-java decodes it with DATE_AND_TIME_AS_LONG_MICRO and
 * CHAR_AND_BINARY_AS_BYTE_ARRAY) into the Java value {@link ColumnSchemas} promises for the column.
 */
public final class ColumnValues {

    /** The binlog reports YEAR 0000 as 1900 + 0; 1900 itself is outside YEAR's range (1901–2155). */
    private static final int YEAR_ZERO_AS_DECODED = 1900;

    private ColumnValues() {
    }

    public static Object valueOf(ColumnDef c, Serializable v) {
        if (v == null) {
            return null;
        }
        boolean unsigned = c.unsigned();
        switch (c.dataType()) {
            case "tinyint":
                return unsigned ? (Object) (short) (((Number) v).intValue() & 0xFF) : (Object) ((Number) v).byteValue();
            case "smallint":
                return unsigned ? (Object) (((Number) v).intValue() & 0xFFFF) : (Object) ((Number) v).shortValue();
            case "mediumint":
                // the library sign-extends INT24
                return unsigned ? ((Number) v).intValue() & 0xFFFFFF : ((Number) v).intValue();
            case "int":
            case "integer":
                return unsigned ? (Object) (((Number) v).intValue() & 0xFFFFFFFFL) : (Object) ((Number) v).intValue();
            case "bigint":
                return unsigned ? new BigDecimal(Long.toUnsignedString(((Number) v).longValue())) : (Object) ((Number) v).longValue();
            case "decimal":
            case "numeric":
                return ((BigDecimal) v).setScale(c.scale());
            case "float":
                return ((Number) v).floatValue();
            case "double":
            case "real":
                return ((Number) v).doubleValue();
            case "bit":
                return bits(c, (BitSet) v);
            case "date":
                return new java.util.Date(Math.floorDiv(((Number) v).longValue(), 1000L));
            case "time":
                return ((Number) v).longValue();
            case "datetime":
            case "timestamp":
                long micros = ((Number) v).longValue();
                return c.fsp() <= ColumnSchemas.MILLIS_FSP ? new java.util.Date(Math.floorDiv(micros, 1000L)) : (Object) micros;
            case "year":
                int year = ((Number) v).intValue();
                return year == YEAR_ZERO_AS_DECODED ? 0 : year;
            case "enum":
                return enumValue(c, ((Number) v).intValue());
            case "set":
                return setValue(c, ((Number) v).longValue());
            case "json":
                return json((byte[]) v);
            case "char":
            case "varchar":
            case "tinytext":
            case "text":
            case "mediumtext":
            case "longtext":
                return text(c, v);
            case "binary":
                return padBinary(c, (byte[]) v);
            default:
                return v instanceof byte[] ? v : v.toString().getBytes(Charset.forName("UTF-8"));
        }
    }

    private static Object text(ColumnDef c, Serializable v) {
        if (v instanceof String s) {
            return s;
        }
        return new String((byte[]) v, Charsets.forMysql(c.charset()));
    }

    private static Object bits(ColumnDef c, BitSet bits) {
        if (c.precision() <= 1) {
            return bits.get(0);
        }
        // big-endian, fixed width, like the column's own storage and the b'…' literal
        byte[] out = new byte[(c.precision() + 7) / 8];
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            out[out.length - 1 - i / 8] |= (byte) (1 << (i % 8));
        }
        return out;
    }

    private static Object padBinary(ColumnDef c, byte[] v) {
        // the binlog drops BINARY(n)'s trailing zero bytes; SELECT returns all n
        return v.length < c.octetLength() ? Arrays.copyOf(v, (int) c.octetLength()) : v;
    }

    private static String enumValue(ColumnDef c, int index) {
        // index 0 is the "" MariaDB stores for an invalid member
        return index <= 0 || index > c.elements().size() ? "" : c.elements().get(index - 1);
    }

    private static String setValue(ColumnDef c, long mask) {
        StringJoiner j = new StringJoiner(",");
        for (int i = 0; i < c.elements().size(); i++) {
            if ((mask & (1L << i)) != 0) {
                j.add(c.elements().get(i));
            }
        }
        return j.toString();
    }

    private static String json(byte[] binary) {
        try {
            return JsonBinary.parseAsString(binary);
        } catch (IOException e) {
            throw new ConnectException("Cannot decode a MySQL binary JSON value", e);
        }
    }
}
