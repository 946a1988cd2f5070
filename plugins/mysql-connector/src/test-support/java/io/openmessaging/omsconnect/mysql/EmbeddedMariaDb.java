package io.openmessaging.omsconnect.mysql;

import io.openmessaging.KeyValue;
import io.openmessaging.internal.DefaultKeyValue;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private mariadbd with the binlog on (ROW), started once per test JVM in a temporary data directory
 * and killed at JVM exit. The system MariaDB usually has log_bin OFF, hence our own. Skips the calling
 * test when mariadbd is not installed, fails instead when CI=true. Shared test support (src/test-support):
 * mysql-connector's tests and the host's integration tests compile it.
 */
public final class EmbeddedMariaDb {

    private static EmbeddedMariaDb instance;

    private final Path dir;
    private final int port;
    private final Process process;

    private EmbeddedMariaDb(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static synchronized EmbeddedMariaDb get() {
        if (instance == null) {
            String server = find("mariadbd", "/usr/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/sbin/mysqld");
            String install = find("mariadb-install-db", "/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db");
            if (server == null || install == null) {
                unavailable("mariadbd / mariadb-install-db not installed");
            }
            try {
                instance = start(server, install);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("Cannot start a private mariadbd: " + e, e);
            }
        }
        return instance;
    }

    /** Skips the calling test ({@code why}), or fails it when CI=true. */
    public static void unavailable(String why) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("Required test service missing in CI: " + why);
        }
        Assumptions.abort("Skipped: " + why);
    }

    private static String find(String name, String... candidates) {
        for (String c : candidates) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(p, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    private static EmbeddedMariaDb start(String server, String install) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("omsconnect-mariadb");
        Path data = dir.resolve("data");
        Process inst = new ProcessBuilder(install, "--no-defaults", "--datadir=" + data, "--auth-root-authentication-method=normal",
                "--user=" + System.getProperty("user.name"), "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!inst.waitFor(60, TimeUnit.SECONDS) || inst.exitValue() != 0) {
            throw new IOException("mariadb-install-db failed, see " + dir.resolve("install.log"));
        }
        int port = freePort();
        Process p = new ProcessBuilder(server, "--no-defaults", "--datadir=" + data, "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("sock"), "--log-bin=" + dir.resolve("bin"), "--binlog-format=ROW", "--server-id=1",
                "--user=" + System.getProperty("user.name"), "--skip-name-resolve", "--innodb-buffer-pool-size=64M",
                "--innodb-flush-log-at-trx-commit=0", "--sync-binlog=0", "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci", "--pid-file=" + dir.resolve("pid"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        EmbeddedMariaDb db = new EmbeddedMariaDb(dir, port, p);
        Runtime.getRuntime().addShutdownHook(new Thread(db::destroy, "embedded-mariadb-stop"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = db.connect()) {
                return db;
            } catch (SQLException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    db.destroy();
                    throw new IOException("mariadbd did not accept connections, see " + dir.resolve("server.log"), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void destroy() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // temp dir
        }
    }

    public int port() {
        return port;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?user=root&connectTimeout=2000");
    }

    public void exec(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /**
     * The mysql source's keys (the seed's names, literal: this class is shared with host tests, which do not
     * see the connector's classes) for this server capturing {@code include}, from the current end of the binlog.
     */
    public Map<String, String> sourceKeys(String include) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("mysqlAddr", "127.0.0.1");
        keys.put("mysqlPort", Integer.toString(port));
        keys.put("mysqlUsername", "root");
        keys.put("mysqlPassword", "");
        keys.put("table.include", include);
        keys.put("startPosition", "latest");
        return keys;
    }

    /** A source config for this server capturing {@code include}, starting at the current end of the binlog. */
    public KeyValue sourceConfig(String include) {
        KeyValue kv = new DefaultKeyValue();
        sourceKeys(include).forEach(kv::put);
        return kv;
    }

}
