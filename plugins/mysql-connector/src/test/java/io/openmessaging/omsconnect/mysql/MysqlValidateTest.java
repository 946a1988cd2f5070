package io.openmessaging.omsconnect.mysql;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.errors.ConnectException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** validate() and a task's start() reject bad configs with a clear ConnectException, and never hang. */
class MysqlValidateTest {

    /** Generous bound: a hang would be minutes; a bounded failure is about the 2 s connect timeout. */
    static final Duration BOUND = Duration.ofSeconds(20);

    static String failure(KeyValue cfg) {
        ConnectException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(ConnectException.class,
                () -> new MysqlSourceConnector().validate(cfg)));
        return e.getMessage();
    }

    KeyValue embedded(String include) {
        KeyValue kv = EmbeddedMariaDb.get().sourceConfig(include);
        kv.put(MysqlSourceConfig.CONNECT_TIMEOUT_MS, "2000");
        return kv;
    }

    @Test
    void goodConfigPasses() throws Exception {
        EmbeddedMariaDb.get().exec("CREATE DATABASE IF NOT EXISTS val", "CREATE TABLE IF NOT EXISTS val.t (id INT PRIMARY KEY)");
        new MysqlSourceConnector().validate(embedded("val.t,val\\..*"));
    }

    @Test
    void wrongPassword() {
        KeyValue kv = embedded("");
        kv.put(MysqlSourceConfig.PASSWORD, "wrong");
        String m = failure(kv);
        assertTrue(m.contains("Cannot connect") && m.contains("root"), m);
    }

    @Test
    void refusedPort() {
        KeyValue kv = embedded("");
        kv.put(MysqlSourceConfig.PORT, "1");
        String m = failure(kv);
        assertTrue(m.contains("Cannot connect") && m.contains(":1"), m);
    }

    @Test
    void unreachableHost() {
        KeyValue kv = embedded("");
        // TEST-NET-1 (RFC 5737): routed nowhere, so the connect attempt can only time out
        kv.put(MysqlSourceConfig.ADDR, "192.0.2.1");
        String m = failure(kv);
        assertTrue(m.contains("Cannot connect"), m);
    }

    @Test
    void unknownTable() {
        String m = failure(embedded("val.nope"));
        assertTrue(m.contains("val.nope") && m.contains("matches no table"), m);
    }

    @Test
    void missingKeyAndBadPosition() {
        KeyValue kv = embedded("");
        kv.put(MysqlSourceConfig.START_POSITION, "nonsense");
        assertTrue(failure(kv).contains("startPosition"));
        KeyValue kv2 = embedded("");
        kv2.put(MysqlSourceConfig.START_POSITION, "bin.999999:4");
        assertTrue(failure(kv2).contains("bin.999999"));
    }

    @Test
    void binlogOff() throws Exception {
        // the system MariaDB on 3306 normally runs without a binlog
        try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/?user=root&connectTimeout=2000");
             ResultSet rs = c.createStatement().executeQuery("SELECT @@log_bin")) {
            rs.next();
            Assumptions.assumeTrue(rs.getInt(1) == 0, "system MariaDB has the binlog on");
        } catch (java.sql.SQLException e) {
            Assumptions.abort("no system MariaDB on 127.0.0.1:3306: " + e.getMessage());
        }
        KeyValue kv = embedded("");
        kv.put(MysqlSourceConfig.PORT, "3306");
        String m = failure(kv);
        assertTrue(m.contains("log_bin"), m);
    }

    @Test
    void taskWithBadConfigFailsFast() {
        KeyValue kv = embedded("");
        kv.put(MysqlSourceConfig.PASSWORD, "wrong");
        assertTimeoutPreemptively(BOUND, () -> assertThrows(ConnectException.class, () -> new RunningSource(kv)));
    }
}
