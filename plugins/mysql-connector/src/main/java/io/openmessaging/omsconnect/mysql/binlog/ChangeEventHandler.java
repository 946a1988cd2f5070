package io.openmessaging.omsconnect.mysql.binlog;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.mysql.TableFilter;
import io.openmessaging.omsconnect.mysql.schema.TableCatalog;
import io.openmessaging.omsconnect.mysql.schema.TableDef;

import java.io.Serializable;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Follows the binlog event by event: keeps the current position (last transaction boundary, rows-event
 * index, row index), skips what a committed offset says was already emitted, and hands every row change
 * of an accepted table to a {@link ChangeRecords} as a record. Runs on the binlog client's thread.
 */
final class ChangeEventHandler implements BinaryLogClient.EventListener {

    private static final Pattern DDL = Pattern.compile(
            "^\\s*(/\\*.*?\\*/\\s*)*(ALTER|CREATE|DROP|RENAME|TRUNCATE)\\s", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Table names after TABLE [IF [NOT] EXISTS] and after TO / commas of RENAME TABLE. */
    private static final Pattern DDL_TABLE = Pattern.compile(
            "(?:TABLE(?:\\s+IF(?:\\s+NOT)?\\s+EXISTS)?|\\bTO|,)\\s+((?:`[^`]+`|[\\w$]+)(?:\\.(?:`[^`]+`|[\\w$]+))?)",
            Pattern.CASE_INSENSITIVE);

    private final TableCatalog catalog;
    private final TableFilter filter;
    private final ChangeRecords records;
    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    private String file;
    private long boundary;
    private int rowsEvents;
    /** The committed position to skip up to, while reading its transaction again; null afterwards. */
    private BinlogPosition resumeAfter;

    ChangeEventHandler(TableCatalog catalog, TableFilter filter, ChangeRecords records, BinlogPosition resumeAfter) {
        this.catalog = catalog;
        this.filter = filter;
        this.records = records;
        this.resumeAfter = resumeAfter != null && resumeAfter.event() >= 0 ? resumeAfter : null;
    }

    @Override
    public void onEvent(Event event) {
        EventType type = event.getHeader().getEventType();
        if (type == EventType.ROTATE) {
            RotateEventData r = event.getData();
            file = r.getBinlogFilename();
            moveBoundary(r.getBinlogPosition());
        } else if (type == EventType.TABLE_MAP) {
            TableMapEventData m = event.getData();
            tableMaps.put(m.getTableId(), m);
        } else if (type == EventType.XID) {
            moveBoundary(nextPosition(event));
        } else if (type == EventType.QUERY) {
            QueryEventData q = event.getData();
            String sql = q.getSql();
            if (!"BEGIN".equalsIgnoreCase(sql.trim())) {
                if (DDL.matcher(sql).find()) {
                    forgetTables(q.getDatabase(), sql);
                }
                moveBoundary(nextPosition(event));
            }
        } else if (EventType.isWrite(type)) {
            WriteRowsEventData d = event.getData();
            rows(event, d.getTableId(), d.getRows(), d.getIncludedColumns(), ChangeRecords.CREATE);
        } else if (EventType.isDelete(type)) {
            DeleteRowsEventData d = event.getData();
            rows(event, d.getTableId(), d.getRows(), d.getIncludedColumns(), ChangeRecords.DELETE);
        } else if (EventType.isUpdate(type)) {
            UpdateRowsEventData d = event.getData();
            updates(event, d);
        }
    }

    /** Forgets the definitions of the tables a DDL statement names, or all when it names none we can read. */
    private void forgetTables(String defaultDatabase, String sql) {
        var m = DDL_TABLE.matcher(sql);
        boolean any = false;
        while (m.find()) {
            String name = m.group(1).replace("`", "");
            int dot = name.indexOf('.');
            if (dot > 0) {
                catalog.invalidate(name.substring(0, dot), name.substring(dot + 1));
            } else if (defaultDatabase != null && !defaultDatabase.isEmpty()) {
                catalog.invalidate(defaultDatabase, name);
            } else {
                continue;
            }
            any = true;
        }
        if (!any) {
            catalog.invalidate();
        }
    }

    private static long nextPosition(Event event) {
        return ((EventHeaderV4) event.getHeader()).getNextPosition();
    }

    private void moveBoundary(long pos) {
        boundary = pos;
        rowsEvents = 0;
        if (tableMaps.size() > 1000) {
            // ids stay valid until the server reuses them; a bound keeps a long stream of DDL from growing this
            tableMaps.clear();
        }
        if (resumeAfter != null && !(resumeAfter.pos() == pos && resumeAfter.file().equals(file))) {
            resumeAfter = null;
        }
    }

    private TableDef table(long tableId, int columnCount) {
        TableMapEventData m = tableMaps.get(tableId);
        if (m == null) {
            throw new ConnectException("Rows event for unmapped table id " + tableId + " at " + file + ":" + boundary);
        }
        if (!filter.accepts(m.getDatabase(), m.getTable())) {
            return null;
        }
        TableDef def = catalog.get(m.getDatabase(), m.getTable());
        if (def == null || def.columns().size() != columnCount) {
            catalog.invalidate();
            def = catalog.get(m.getDatabase(), m.getTable());
        }
        if (def == null || def.columns().size() != columnCount) {
            throw new ConnectException("Table " + m.getDatabase() + "." + m.getTable() + " at " + file + ":" + boundary + " has "
                    + columnCount + " columns in the binlog but " + (def == null ? "no definition" : def.columns().size() + " now")
                    + ": its schema changed since; restart from a later startPosition");
        }
        return def;
    }

    private void rows(Event event, long tableId, List<Serializable[]> rows, BitSet included, String op) {
        int index = rowsEvents++;
        TableDef def = table(tableId, tableMaps.containsKey(tableId) ? tableMaps.get(tableId).getColumnTypes().length : -1);
        if (def == null) {
            return;
        }
        long ts = event.getHeader().getTimestamp();
        for (int r = 0; r < rows.size(); r++) {
            BinlogPosition pos = new BinlogPosition(file, boundary, index, r);
            if (alreadyEmitted(pos)) {
                continue;
            }
            var row = def.row(rows.get(r), included);
            records.emit(def, op, op.equals(ChangeRecords.DELETE) ? row : null, op.equals(ChangeRecords.DELETE) ? null : row, pos, ts);
        }
    }

    private void updates(Event event, UpdateRowsEventData d) {
        int index = rowsEvents++;
        TableDef def = table(d.getTableId(), tableMaps.containsKey(d.getTableId()) ? tableMaps.get(d.getTableId()).getColumnTypes().length : -1);
        if (def == null) {
            return;
        }
        long ts = event.getHeader().getTimestamp();
        List<Map.Entry<Serializable[], Serializable[]>> rows = d.getRows();
        for (int r = 0; r < rows.size(); r++) {
            BinlogPosition pos = new BinlogPosition(file, boundary, index, r);
            if (alreadyEmitted(pos)) {
                continue;
            }
            records.emit(def, ChangeRecords.UPDATE, def.row(rows.get(r).getKey(), d.getIncludedColumnsBeforeUpdate()),
                    def.row(rows.get(r).getValue(), d.getIncludedColumns()), pos, ts);
        }
    }

    private boolean alreadyEmitted(BinlogPosition pos) {
        return resumeAfter != null && pos.sameBoundary(resumeAfter) && pos.notAfter(resumeAfter);
    }
}
