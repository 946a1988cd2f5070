package io.openmessaging.omsconnect.mysql.schema;

import java.util.List;

/**
 * One column of a source table as information_schema describes it.
 *
 * @param name         column name
 * @param dataType     lower-case type name without modifiers (DATA_TYPE), e.g. {@code decimal}
 * @param columnType   full declared type (COLUMN_TYPE), e.g. {@code decimal(10,2) unsigned}
 * @param nullable     whether NULL is allowed
 * @param precision    numeric precision (or bit count for BIT), 0 when not numeric
 * @param scale        numeric scale, 0 when not numeric
 * @param fsp          fractional seconds precision of temporal types, 0 otherwise
 * @param charset      character set of a text column, null for non-text columns
 * @param octetLength  maximum length in bytes of a string/binary column (pads BINARY(n)), 0 otherwise
 * @param charLength   maximum length in characters of a string column, 0 otherwise
 * @param elements     the members of an ENUM or SET, in declaration order; empty otherwise
 */
public record ColumnDef(String name, String dataType, String columnType, boolean nullable, int precision, int scale,
                        int fsp, String charset, long octetLength, long charLength, List<String> elements) {

    public boolean unsigned() {
        return columnType.contains("unsigned");
    }
}
