package io.openmessaging.omsconnect.mysql.binlog;

import io.openmessaging.connector.api.errors.ConnectException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The server's binlog files: where "earliest" and "latest" are, and whether a named position still exists. */
public final class BinlogFiles {

    /** Every binlog file starts with a 4-byte magic number; the first event follows. */
    static final long FIRST_EVENT = 4;

    private BinlogFiles() {
    }

    public static BinlogPosition earliest(Connection c) throws SQLException {
        List<String> files = list(c);
        if (files.isEmpty()) {
            throw new ConnectException("The server lists no binary logs (is log_bin ON?)");
        }
        return BinlogPosition.boundary(files.get(0), FIRST_EVENT);
    }

    public static BinlogPosition latest(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new ConnectException("SHOW MASTER STATUS returned nothing (is log_bin ON?)");
            }
            return BinlogPosition.boundary(rs.getString(1), rs.getLong(2));
        }
    }

    public static List<String> list(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Resolves the configured start: earliest, latest or {@code <file>:<pos>} (which must still exist). */
    public static BinlogPosition resolve(Connection c, String startPosition) throws SQLException {
        switch (startPosition) {
            case "earliest":
                return earliest(c);
            case "latest":
                return latest(c);
            default:
                BinlogPosition p = BinlogPosition.parse(startPosition);
                if (!list(c).contains(p.file())) {
                    throw new ConnectException("startPosition names binlog file '" + p.file() + "', which the server no longer has "
                            + "(SHOW BINARY LOGS lists " + list(c) + ")");
                }
                return p;
        }
    }
}
