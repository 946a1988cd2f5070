package io.openmessaging.omsconnect.mysql.binlog;

import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.errors.ConnectException;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a change sits in the binlog: {@code file}/{@code pos} is the last transaction boundary at or
 * before it (a place the server can stream from), {@code event} the index of its rows event after that
 * boundary and {@code row} its index inside that event. Reading resumes at the boundary and skips up to
 * and including (event, row), so a restart emits nothing twice and loses nothing.
 */
public record BinlogPosition(String file, long pos, int event, int row) {

    public static final String FILE = "file", POS = "pos", EVENT = "event", ROW = "row";

    /** A boundary with nothing emitted after it yet. */
    public static BinlogPosition boundary(String file, long pos) {
        return new BinlogPosition(file, pos, -1, -1);
    }

    /** Parses {@code <binlogfile>:<pos>}. */
    public static BinlogPosition parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new ConnectException("startPosition must be earliest, latest or <binlogfile>:<pos>, not '" + text + "'");
        }
        try {
            return boundary(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new ConnectException("startPosition must be earliest, latest or <binlogfile>:<pos>, not '" + text + "'");
        }
    }

    /** The position a committed offset names, or null when there is none. */
    public static BinlogPosition fromOffset(RecordOffset offset) {
        if (offset == null || offset.getOffset() == null || offset.getOffset().get(FILE) == null) {
            return null;
        }
        Map<String, ?> m = offset.getOffset();
        return new BinlogPosition(m.get(FILE).toString(), number(m.get(POS)), (int) number(m.get(EVENT)), (int) number(m.get(ROW)));
    }

    private static long number(Object v) {
        if (v == null) {
            return -1;
        }
        return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString());
    }

    public RecordOffset toOffset() {
        Map<String, Object> m = new HashMap<>();
        m.put(FILE, file);
        m.put(POS, pos);
        m.put(EVENT, event);
        m.put(ROW, row);
        return new RecordOffset(m);
    }

    /** Whether this change was already emitted when {@code committed} was (both in the same transaction). */
    boolean notAfter(BinlogPosition committed) {
        return event < committed.event || (event == committed.event && row <= committed.row);
    }

    boolean sameBoundary(BinlogPosition other) {
        return pos == other.pos && file.equals(other.file);
    }
}
