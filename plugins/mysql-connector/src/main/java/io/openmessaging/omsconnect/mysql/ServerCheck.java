package io.openmessaging.omsconnect.mysql;

import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.mysql.binlog.BinlogFiles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks before streaming that the server can be read: reachable with these credentials (within the
 * connect timeout), binlog on in ROW format, the user allowed to replicate, the named tables present.
 * Every failure is a ConnectException saying what to fix.
 */
final class ServerCheck {

    private ServerCheck() {
    }

    static void check(MysqlSourceConfig cfg) {
        try (Connection c = MysqlConnections.open(cfg, cfg.connectTimeoutMs() * 2)) {
            String logBin = variable(c, "log_bin");
            if (!"ON".equalsIgnoreCase(logBin)) {
                throw new ConnectException("Binary logging is off on " + cfg.server() + " (log_bin=" + logBin
                        + "): start the server with --log-bin and --binlog-format=ROW");
            }
            String format = variable(c, "binlog_format");
            if (!"ROW".equalsIgnoreCase(format)) {
                throw new ConnectException("binlog_format is " + format + " on " + cfg.server() + ": row changes need binlog_format=ROW");
            }
            checkReplicationGrant(c, cfg);
            checkTables(c, cfg);
            BinlogFiles.resolve(c, cfg.startPosition());
        } catch (SQLException e) {
            throw new ConnectException("Cannot check MySQL/MariaDB at " + cfg.server() + ": " + e.getMessage(), e);
        }
    }

    private static String variable(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SHOW GLOBAL VARIABLES LIKE ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(2) : "(unset)";
            }
        }
    }

    private static void checkReplicationGrant(Connection c, MysqlSourceConfig cfg) throws SQLException {
        List<String> grants = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
            while (rs.next()) {
                grants.add(rs.getString(1).toUpperCase());
            }
        }
        boolean ok = grants.stream().anyMatch(g -> g.contains("ALL PRIVILEGES ON *.*") || g.contains("REPLICATION SLAVE")
                || g.contains("REPLICATION REPLICA"));
        if (!ok) {
            throw new ConnectException("User '" + cfg.user() + "' may not read the binlog of " + cfg.server()
                    + ": GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO it");
        }
    }

    private static void checkTables(Connection c, MysqlSourceConfig cfg) throws SQLException {
        List<String> existing = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT CONCAT(TABLE_SCHEMA, '.', TABLE_NAME) FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'")) {
            while (rs.next()) {
                existing.add(rs.getString(1));
            }
        }
        for (String entry : cfg.tables().includes()) {
            boolean found = TableFilter.isLiteral(entry)
                    ? existing.contains(entry)
                    : existing.stream().anyMatch(t -> t.matches(entry));
            if (!found) {
                throw new ConnectException("table.include entry '" + entry + "' matches no table on " + cfg.server());
            }
        }
    }
}
