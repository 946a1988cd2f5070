package io.openmessaging.omsconnect.bench;

import io.openmessaging.omsconnect.it.TestWorker;
import io.openmessaging.omsconnect.mysql.EmbeddedMariaDb;
import io.openmessaging.omsconnect.mysql.MirrorTable;
import io.openmessaging.omsconnect.mysql.Postgres;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Changes per second MariaDB binlog → mysql source → worker (JSON converter, oms:local driver) → JDBC sink →
 * PostgreSQL, through a real worker configured over REST. The workload (N inserts, N/10 updates, N/10 deletes
 * on mysql-connector's 18-column mirror table) is written first; the clock runs from creating the two
 * connectors until PostgreSQL holds the final state (last insert there, last delete applied, final count).
 * Also prints when the source had sent every change (GET /metrics), and checks both tables are equal.
 *
 * <pre>
 * mvn -q -o -DskipTests package &amp;&amp; mvn -q -o -pl plugin-api,host test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * cd host &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) \
 *     -Domsconnect.pluginsDir=../plugins-dir io.openmessaging.omsconnect.bench.MysqlToPostgresBenchmark [inserts=50000]
 * </pre>
 * Needs mariadbd installed (a private one is started) and PostgreSQL on 127.0.0.1:5432 (trust, database test).
 */
public final class MysqlToPostgresBenchmark {
    private static final Pattern SENT = Pattern.compile(
            "omsconnect_task_records_sent_total\\{[^}]*connector=\"bench-source\"[^}]*} (\\d+)");

    public static void main(String[] args) throws Exception {
        int inserts = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int updates = inserts / 10, deletes = inserts / 10;
        int total = inserts + updates + deletes;
        EmbeddedMariaDb db = EmbeddedMariaDb.get();
        String name = "bench_" + Long.toHexString(System.nanoTime());
        MirrorTable.create(db, name, "items");
        String start;
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            start = rs.getString(1) + ":" + rs.getLong(2);
        }
        long w0 = System.nanoTime();
        MirrorTable.insert(db, name, "items", inserts);
        MirrorTable.update(db, name, "items", updates);
        MirrorTable.delete(db, name, "items", deletes);
        report("workload written to MariaDB", total, w0, System.nanoTime());

        Postgres.exec("CREATE SCHEMA " + name);
        Path work = Files.createTempDirectory("omsconnect-mysql-bench");
        boolean equal;
        try (TestWorker worker = TestWorker.create(work, "mysql-connector", "jdbc-connector", "oms-driver-local")
                .set("offsetFlushIntervalMs", "1000").start()) {
            String mq = "oms:local://" + work.resolve("mq") + "/default";
            Map<String, String> source = new LinkedHashMap<>(db.sourceKeys(name + ".items"));
            source.put("startPosition", start);
            source.put("connector-class", "io.openmessaging.omsconnect.mysql.MysqlSourceConnector");
            source.put("oms-driver-url", mq);
            Map<String, String> sink = new LinkedHashMap<>();
            sink.put("connector-class", "io.openmessaging.omsconnect.jdbc.JdbcSinkConnector");
            sink.put("oms-driver-url", mq);
            sink.put("connect-topicnames", "items");
            sink.put("connection.url", Postgres.URL);
            sink.put("connection.user", Postgres.user());
            sink.put("table.name.format", name + ".${topic}");

            long t0 = System.nanoTime();
            created(worker.send("POST", "/connectors", Map.of("name", "bench-source", "config", source)));
            created(worker.send("POST", "/connectors", Map.of("name", "bench-sink", "config", sink)));
            long sourceDone = 0;
            int expected = inserts - deletes;
            long lastDeleted = (long) deletes * 10 - 5; // MirrorTable.delete removes ids 5, 15, 25, … in order
            while (true) {
                long now = System.nanoTime();
                if (sourceDone == 0 && sent(worker) >= total) {
                    sourceDone = now;
                }
                if (mirrored(name, expected, inserts, lastDeleted)) {
                    break;
                }
                if (now - t0 > 600_000_000_000L) {
                    throw new IllegalStateException("not mirrored within 10 minutes");
                }
                Thread.sleep(20);
            }
            long t1 = System.nanoTime();
            if (sourceDone != 0) {
                report("source: binlog -> worker -> queue", total, t0, sourceDone);
            }
            report("end to end: MariaDB -> worker -> PostgreSQL", total, t0, t1);
            equal = MirrorTable.rows(db.connect(), name + ".items").equals(MirrorTable.rows(Postgres.connect(), name + ".items"));
            System.out.println("tables equal row by row: " + equal);
        } finally {
            Postgres.exec("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            db.exec("DROP DATABASE IF EXISTS " + name);
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        System.exit(equal ? 0 : 1);
    }

    private static void created(HttpResponse<String> r) {
        if (r.statusCode() != 201) {
            throw new IllegalStateException("connector not created: " + r.statusCode() + " " + r.body());
        }
    }

    private static long sent(TestWorker worker) throws Exception {
        Matcher m = SENT.matcher(worker.get("/metrics").body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /**
     * The final state: the count alone passes through {@code expected} while inserts arrive, so also the last
     * insert present and the last delete applied (the binlog's last change; the sink applies in order).
     */
    private static boolean mirrored(String schema, int expected, int lastInserted, long lastDeleted) throws SQLException {
        try (Connection c = Postgres.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), max(id), count(*) FILTER (WHERE id = " + lastDeleted + ") FROM "
                     + schema + ".items")) {
            return rs.next() && rs.getLong(1) == expected && rs.getLong(2) == lastInserted && rs.getLong(3) == 0;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return false; // table not created yet
            }
            throw e;
        }
    }

    private static void report(String what, int changes, long from, long to) {
        double s = (to - from) / 1e9;
        System.out.printf("%-50s %8d changes %7.2f s %9.0f changes/s%n", what, changes, s, changes / s);
    }
}
