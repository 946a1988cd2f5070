package io.openmessaging.omsconnect.mysql.schema;

import io.openmessaging.connector.api.data.Field;
import io.openmessaging.connector.api.data.Schema;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.data.Struct;

import java.io.Serializable;
import java.util.BitSet;
import java.util.List;

/**
 * A source table's columns and the Connect schemas derived from them: the row (before/after) schema,
 * the primary-key schema (null when the table has no primary key) and the change envelope schema.
 */
public final class TableDef {

    /** Envelope field names, shared with sinks by convention. */
    public static final String OP = "op", DATABASE = "database", TABLE = "table", BEFORE = "before", AFTER = "after", TS_MS = "ts_ms";

    private final String database;
    private final String table;
    private final List<ColumnDef> columns;
    private final List<String> primaryKey;
    private final Schema rowSchema;
    private final Schema keySchema;
    private final Schema envelopeSchema;

    public TableDef(String database, String table, List<ColumnDef> columns, List<String> primaryKey) {
        this.database = database;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.primaryKey = List.copyOf(primaryKey);
        String prefix = database + "." + table;
        SchemaBuilder row = SchemaBuilder.struct().name(prefix + ".Value").optional();
        for (ColumnDef c : columns) {
            row.field(c.name(), ColumnSchemas.schemaOf(c));
        }
        this.rowSchema = row.build();
        if (primaryKey.isEmpty()) {
            this.keySchema = null;
        } else {
            SchemaBuilder key = SchemaBuilder.struct().name(prefix + ".Key");
            for (String pk : primaryKey) {
                key.field(pk, rowSchema.getField(pk).getSchema());
            }
            this.keySchema = key.build();
        }
        this.envelopeSchema = SchemaBuilder.struct().name(prefix + ".Envelope")
                .field(OP, SchemaBuilder.string().build())
                .field(DATABASE, SchemaBuilder.string().build())
                .field(TABLE, SchemaBuilder.string().build())
                .field(BEFORE, rowSchema)
                .field(AFTER, rowSchema)
                .field(TS_MS, SchemaBuilder.int64().build())
                .build();
    }

    public String database() {
        return database;
    }

    public String table() {
        return table;
    }

    public List<ColumnDef> columns() {
        return columns;
    }

    public Schema rowSchema() {
        return rowSchema;
    }

    /** The primary-key schema, or null when the table has none. */
    public Schema keySchema() {
        return keySchema;
    }

    public Schema envelopeSchema() {
        return envelopeSchema;
    }

    /**
     * Builds a row from a binlog row image.
     *
     * @param cells    the image's values, one per column present in {@code included}
     * @param included which of the table's columns the image carries (all of them with binlog_row_image=FULL)
     */
    public Struct row(Serializable[] cells, BitSet included) {
        Struct row = new Struct(rowSchema);
        int cell = 0;
        for (int i = included.nextSetBit(0); i >= 0 && i < columns.size(); i = included.nextSetBit(i + 1)) {
            ColumnDef c = columns.get(i);
            row.put(c.name(), ColumnValues.valueOf(c, cells[cell++]));
        }
        return row;
    }

    /** The primary key of a row, or null when the table has none. */
    public Struct key(Struct row) {
        if (keySchema == null) {
            return null;
        }
        Struct key = new Struct(keySchema);
        for (Field f : keySchema.getFields()) {
            key.put(f.getName(), row.get(f.getName()));
        }
        return key;
    }
}
