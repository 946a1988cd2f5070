package io.openmessaging.omsconnect.mysql.schema;

import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.logical.Date;
import io.openmessaging.connector.api.data.logical.Decimal;
import io.openmessaging.connector.api.data.logical.Timestamp;

/** Maps a MariaDB/MySQL column to the Connect schema of its values (the type mapping table in the README). */
public final class ColumnSchemas {

    private ColumnSchemas() {
    }

    /** Fractional digits above which a DATETIME/TIMESTAMP no longer fits the API's millisecond Timestamp. */
    static final int MILLIS_FSP = 3;

    public static Schema schemaOf(ColumnDef c) {
        SchemaBuilder b = builderOf(c);
        b.parameter(TemporalNames.COLUMN_TYPE, c.columnType());
        if (c.nullable()) {
            b.optional();
        }
        return b.build();
    }

    private static SchemaBuilder builderOf(ColumnDef c) {
        boolean unsigned = c.unsigned();
        switch (c.dataType()) {
            case "tinyint":
                return unsigned ? SchemaBuilder.int16() : SchemaBuilder.int8();
            case "smallint":
                return unsigned ? SchemaBuilder.int32() : SchemaBuilder.int16();
            case "mediumint":
                return SchemaBuilder.int32();
            case "int":
            case "integer":
                return unsigned ? SchemaBuilder.int64() : SchemaBuilder.int32();
            case "bigint":
                return unsigned ? decimal(20, 0) : SchemaBuilder.int64();
            case "decimal":
            case "numeric":
                return decimal(c.precision(), c.scale());
            case "float":
                return SchemaBuilder.float32();
            case "double":
            case "real":
                return SchemaBuilder.float64();
            case "bit":
                return c.precision() <= 1 ? SchemaBuilder.bool() : SchemaBuilder.bytes();
            case "date":
                return Date.builder();
            case "time":
                return SchemaBuilder.int64().name(TemporalNames.MICRO_TIME);
            case "datetime":
            case "timestamp":
                return c.fsp() <= MILLIS_FSP ? Timestamp.builder() : SchemaBuilder.int64().name(TemporalNames.MICRO_TIMESTAMP);
            case "year":
                return SchemaBuilder.int32();
            case "char":
            case "varchar":
            case "tinytext":
            case "text":
            case "mediumtext":
            case "longtext":
            case "json":
            case "enum":
            case "set":
                SchemaBuilder s = SchemaBuilder.string();
                if (c.charLength() > 0) {
                    s.parameter(TemporalNames.COLUMN_LENGTH, Long.toString(c.charLength()));
                }
                return s;
            default:
                // binary, varbinary, *blob, geometry and anything newer: the raw bytes, never a guess
                return SchemaBuilder.bytes();
        }
    }

    private static SchemaBuilder decimal(int precision, int scale) {
        return Decimal.builder(scale).parameter(TemporalNames.DECIMAL_PRECISION, Integer.toString(precision));
    }
}
