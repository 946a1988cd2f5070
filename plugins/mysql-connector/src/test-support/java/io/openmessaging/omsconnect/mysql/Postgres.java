package io.openmessaging.omsconnect.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL on 127.0.0.1:5432 (trust auth, database test) the mirror tests write into; skip or fail when absent. */
public final class Postgres {

    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private Postgres() {
    }

    public static Connection connect() {
        for (String user : new String[] {"postgres", "root"}) {
            try {
                return DriverManager.getConnection(URL + "?user=" + user + "&connectTimeout=3");
            } catch (SQLException e) {
                // try the next user
            }
        }
        EmbeddedMariaDb.unavailable("PostgreSQL on 127.0.0.1:5432 (database test, user postgres or root, trust)");
        throw new IllegalStateException("unreachable");
    }

    public static String user() throws SQLException {
        try (Connection c = connect()) {
            return c.getMetaData().getUserName();
        }
    }

    public static void exec(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
