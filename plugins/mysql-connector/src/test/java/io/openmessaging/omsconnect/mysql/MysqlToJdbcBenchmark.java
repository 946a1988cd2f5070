package io.openmessaging.omsconnect.mysql;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.jdbc.JdbcSinkTask;

import java.sql.ResultSet;
import java.util.List;

/**
 * Changes per second through MysqlSourceTask.poll() → JdbcSinkTask.put() (MariaDB binlog → PostgreSQL),
 * no worker or queue in between. Writes the workload first, then reads it from the binlog position
 * before it, so the figures are the connectors' own: source alone (poll only), then source → sink.
 * Run: see the README of this module. Argument: number of inserted rows (default 50000; updates and
 * deletes are a tenth each).
 */
public final class MysqlToJdbcBenchmark {

    public static void main(String[] args) throws Exception {
        int inserts = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int updates = inserts / 10, deletes = inserts / 10;
        int total = inserts + updates + deletes;
        EmbeddedMariaDb db = EmbeddedMariaDb.get();
        MirrorTable.create(db, "bench", "items");
        String start;
        try (var c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            start = rs.getString(1) + ":" + rs.getLong(2);
        }
        long t0 = System.nanoTime();
        MirrorTable.insert(db, "bench", "items", inserts);
        MirrorTable.update(db, "bench", "items", updates);
        MirrorTable.delete(db, "bench", "items", deletes);
        report("workload written to MariaDB", total, t0);

        KeyValue cfg = db.sourceConfig("bench.items");
        cfg.put(MysqlSourceConfig.START_POSITION, start);
        try (RunningSource src = new RunningSource(cfg)) {
            long t1 = System.nanoTime();
            int seen = 0;
            while (seen < total) {
                seen += src.take(1).size();
            }
            report("source only (binlog -> records)", total, t1);
        }

        String schema = "bench_" + Long.toHexString(System.nanoTime());
        Postgres.exec("CREATE SCHEMA " + schema);
        JdbcSinkTask sink = MirrorSink.start(schema);
        try (RunningSource src = new RunningSource(cfg)) {
            long t2 = System.nanoTime();
            int seen = 0;
            long puts = 0;
            long putNanos = 0;
            while (seen < total) {
                List<ConnectRecord> batch = src.take(1);
                long p0 = System.nanoTime();
                sink.put(batch);
                putNanos += System.nanoTime() - p0;
                seen += batch.size();
                puts++;
            }
            report("source -> sink (binlog -> PostgreSQL, " + puts + " puts)", total, t2);
            System.out.printf("  of which in JdbcSinkTask.put: %.2f s%n", putNanos / 1e9);
        } finally {
            sink.stop();
        }
        boolean equal = MirrorTable.rows(db.connect(), "bench.items").equals(MirrorTable.rows(Postgres.connect(), schema + ".items"));
        System.out.println("tables equal row by row: " + equal);
        Postgres.exec("DROP SCHEMA " + schema + " CASCADE");
        System.exit(equal ? 0 : 1);
    }

    private static void report(String what, int changes, long since) {
        double s = (System.nanoTime() - since) / 1e9;
        System.out.printf("%-55s %8d changes %7.2f s %9.0f changes/s%n", what, changes, s, changes / s);
    }
}
