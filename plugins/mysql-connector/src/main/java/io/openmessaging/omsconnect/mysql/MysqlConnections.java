package io.openmessaging.omsconnect.mysql;

import io.openmessaging.connector.api.errors.ConnectException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections to the source server, every one bounded by the configured connect timeout. */
final class MysqlConnections {

    private MysqlConnections() {
    }

    /**
     * Opens a connection; the driver is instantiated directly because DriverManager does not see drivers
     * that live in a plugin's classloader.
     */
    static Connection open(MysqlSourceConfig cfg, int socketTimeoutMs) {
        Properties p = new Properties();
        p.setProperty("user", cfg.user());
        p.setProperty("password", cfg.password());
        p.setProperty("connectTimeout", Integer.toString(cfg.connectTimeoutMs()));
        p.setProperty("socketTimeout", Integer.toString(socketTimeoutMs));
        String url = "jdbc:mariadb://" + cfg.host() + ":" + cfg.port() + "/";
        try {
            Connection c = new org.mariadb.jdbc.Driver().connect(url, p);
            if (c == null) {
                throw new ConnectException("The MariaDB driver refused URL " + url);
            }
            return c;
        } catch (SQLException e) {
            throw new ConnectException("Cannot connect to MySQL/MariaDB at " + cfg.server() + " as '" + cfg.user() + "': "
                    + e.getMessage(), e);
        }
    }
}
