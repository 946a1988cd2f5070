package io.openmessaging.omsconnect.jdbc;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real database the sink tests write into, with a private schema/database created for the test
 * and dropped after. Skips when the server is absent, fails instead when CI=true.
 */
record TargetDatabase(String url, String user, String namespace) {

    static TargetDatabase postgres() {
        String ns = "sink_" + Long.toHexString(System.nanoTime());
        for (String user : new String[] {"postgres", "root"}) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=3", user, "")) {
                c.createStatement().execute("CREATE SCHEMA " + ns);
                return new TargetDatabase("jdbc:postgresql://127.0.0.1:5432/test", user, ns);
            } catch (SQLException e) {
                // next user
            }
        }
        return unavailable("PostgreSQL on 127.0.0.1:5432 (database test, trust auth)");
    }

    static TargetDatabase mariadb() {
        String ns = "sink_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/?connectTimeout=3000", "root", "")) {
            c.createStatement().execute("CREATE DATABASE " + ns + " CHARACTER SET utf8mb4");
            return new TargetDatabase("jdbc:mariadb://127.0.0.1:3306/" + ns, "root", ns);
        } catch (SQLException e) {
            return unavailable("MariaDB on 127.0.0.1:3306 (root, no password): " + e.getMessage());
        }
    }

    private static TargetDatabase unavailable(String what) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("Required test service missing in CI: " + what);
        }
        Assumptions.abort("Skipped: no " + what);
        return null;
    }

    boolean isPostgres() {
        return url.startsWith("jdbc:postgresql");
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    void drop() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(isPostgres() ? "DROP SCHEMA " + namespace + " CASCADE" : "DROP DATABASE " + namespace);
        }
    }
}
