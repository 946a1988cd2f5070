package io.openmessaging.omsconnect.bench;

import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.cluster.ClusterConfig;
import io.openmessaging.omsconnect.cluster.ClusterState;
import io.openmessaging.omsconnect.cluster.Commands;
import io.openmessaging.omsconnect.cluster.RaftNode;
import io.openmessaging.omsconnect.cluster.Unit;
import io.openmessaging.omsconnect.it.ChildCluster;
import io.openmessaging.omsconnect.it.ProbePlugins;
import io.openmessaging.omsconnect.it.TestWorker;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Distributed mode's figures, on worker processes of this machine over RabbitMQ (127.0.0.1:5672), printed
 * (never asserted):
 * <ol>
 * <li>failover: {@code kill -9} of a worker running the file pipeline's task until every connector and task is
 *     RUNNING on the others and a line appended after the kill is in the sink's file; trials alternate a
 *     follower and the leader; the killed worker is restarted between trials;</li>
 * <li>REST write latency ({@code PUT /connectors/c/pause|resume}, each a command through the log) through the
 *     leader and through a follower, p50/p99;</li>
 * <li>position commits/s the control plane sustains: three Raft members in this JVM, 8 threads committing a
 *     task's positions through the leader and through a follower; and the same through REST
 *     ({@code PATCH /connectors/c/offsets} of a stopped source from 8 clients: a read barrier and a command each);</li>
 * <li>rebalance: time until a fourth worker that joins a cluster running 200 connectors (400 units) holds
 *     its share and every unit is RUNNING.</li>
 * </ol>
 * Run: {@code mvn -q -DskipTests package}, then from {@code host/}: {@code java -cp
 * target/test-classes:target/classes:$(cat target/test-cp.txt) -Domsconnect.pluginsDir=../plugins-dir
 * io.openmessaging.omsconnect.bench.ClusterBenchmark [trials]} (README, "Running a cluster").
 */
public final class ClusterBenchmark {
    private static final long LEASE_MS = 2000;

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path root = Files.createTempDirectory("cluster-bench");
        Path probe = ProbePlugins.write(Files.createDirectories(root.resolve("built")));
        String url = "oms:rabbitmq://guest:guest@127.0.0.1:5672/default?rabbitmq.stream.max-age=1h"
                + "&rabbitmq.stream.segment-bytes=4000000";
        if (System.getProperty("bench.only", "").contains("controlplane") || System.getProperty("bench.only") == null) {
            controlPlanes(root);
        }
        if (System.getProperty("bench.only", "").equals("controlplane")) {
            return;
        }
        try (ChildCluster cluster = new ChildCluster(root.resolve("cluster"), 4, 3, url, LEASE_MS,
                TestWorker.builtPlugin("file-connector"), TestWorker.builtPlugin("oms-driver-rabbitmq"), probe)) {
            cluster.jvmOptions(List.of()); // workers as in production: the default JIT and collector
            for (String id : List.of("w1", "w2", "w3")) {
                cluster.start(id);
            }
            cluster.awaitMembers(Duration.ofSeconds(90), "w1", "w2", "w3");
            List<String> only = List.of(System.getProperty("bench.only", "failover,latency,positions,rebalance").split(","));
            if (only.contains("failover")) {
                failover(cluster, root, trials);
            }
            if (only.contains("latency")) {
                writeLatency(cluster, root);
            }
            if (only.contains("positions")) {
                positionCommits(cluster, root);
            }
            if (only.contains("rebalance")) {
                rebalance(cluster, root);
            }
        }
    }

    private static void failover(ChildCluster cluster, Path root, int trials) throws Exception {
        Path in = root.resolve("in.txt");
        Path out = root.resolve("out.txt");
        Files.writeString(in, "");
        String topic = "cluster-bench-" + System.nanoTime();
        create(cluster, "w1", "file-source", Map.of("connector-class", "io.openmessaging.omsconnect.file.FileSourceConnector",
                "file", in.toString(), "connect-topicname", topic));
        create(cluster, "w1", "file-sink", Map.of("connector-class", "io.openmessaging.omsconnect.file.FileSinkConnector",
                "file", out.toString(), "connect-topicnames", topic));
        awaitRunning(cluster, List.of());
        List<Long> follower = new ArrayList<>();
        List<Long> leader = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            String lead = cluster.leader();
            boolean killLeader = t % 2 == 1;
            String victim;
            if (killLeader) {
                victim = lead;
            } else {
                List<String> busy = new ArrayList<>(cluster.workersOf("file-source"));
                busy.addAll(cluster.workersOf("file-sink"));
                victim = busy.stream().filter(id -> !id.equals(lead)).findFirst().orElse(
                        List.of("w1", "w2", "w3").stream().filter(id -> !id.equals(lead)).findFirst().orElseThrow());
            }
            String line = "after-kill-" + t;
            long start = System.nanoTime();
            cluster.kill9(victim);
            Files.writeString(in, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            awaitRunning(cluster, List.of(victim));
            TestWorker.await(line + " through", Duration.ofSeconds(60), () -> TestWorker.lines(out).contains(line));
            long ms = (System.nanoTime() - start) / 1_000_000;
            (killLeader ? leader : follower).add(ms);
            System.out.printf("failover trial %d: kill -9 of %s (%s) → all RUNNING elsewhere and the next line through in %d ms%n",
                    t + 1, victim, killLeader ? "leader" : "follower", ms);
            cluster.start(victim);
            cluster.awaitMembers(Duration.ofSeconds(90), "w1", "w2", "w3");
            awaitRunning(cluster, List.of());
        }
        List<Long> all = new ArrayList<>(follower);
        all.addAll(leader);
        System.out.printf("FAILOVER kill -9 (%d trials): median %d ms, max %d ms; follower median %d ms, leader median %d ms%n",
                all.size(), pct(all, 50), pct(all, 100), pct(follower, 50), pct(leader, 50));
    }

    private static void writeLatency(ChildCluster cluster, Path root) throws Exception {
        String lead = cluster.leader();
        if (cluster.status("file-source") == null) {
            Path file = Files.writeString(root.resolve("latency.txt"), "");
            create(cluster, lead, "file-source", Map.of("connector-class", "io.openmessaging.omsconnect.file.FileSourceConnector",
                    "file", file.toString(), "connect-topicname", "latency-" + System.nanoTime()));
        }
        String follower = List.of("w1", "w2", "w3").stream().filter(id -> !id.equals(lead)).findFirst().orElseThrow();
        for (String[] via : new String[][]{{lead, "leader"}, {follower, "follower"}}) {
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 220; i++) {
                long start = System.nanoTime();
                HttpResponse<String> r = cluster.call(via[0], "PUT", "/connectors/file-source/" + (i % 2 == 0 ? "pause" : "resume"), null);
                long us = (System.nanoTime() - start) / 1000;
                if (r.statusCode() != 202 && r.statusCode() != 200) {
                    throw new IllegalStateException("write answered " + r.statusCode() + ": " + r.body());
                }
                if (i >= 20) {
                    micros.add(us);
                }
            }
            System.out.printf("REST write via %s (%s): p50 %.2f ms, p99 %.2f ms (200 writes)%n", via[1], via[0],
                    pct(micros, 50) / 1000.0, pct(micros, 99) / 1000.0);
        }
        cluster.call(lead, "PUT", "/connectors/file-source/resume", null);
    }

    /**
     * {@link #controlPlane} with the transport in plaintext and encrypted ({@code clusterSecret}): one warm-up
     * round not counted, then three of each, the order alternating: the cost of the encryption as a ratio
     * measured in the same run.
     */
    private static void controlPlanes(Path root) throws Exception {
        javax.crypto.SecretKey key = new javax.crypto.spec.SecretKeySpec(new byte[32], "AES");
        controlPlane(root, null, new double[2]); // JIT and page cache warm-up
        double[] plain = new double[2];
        double[] encrypted = new double[2];
        for (int round = 0; round < 3; round++) {
            double[] p = new double[2];
            double[] e = new double[2];
            if (round % 2 == 0) {
                controlPlane(root, null, p);
                controlPlane(root, key, e);
            } else {
                controlPlane(root, key, e);
                controlPlane(root, null, p);
            }
            System.out.printf("CONTROL PLANE round %d encrypted/plaintext: via the leader %.2f, via a follower %.2f%n",
                    round + 1, e[0] / p[0], e[1] / p[1]);
            for (int i = 0; i < 2; i++) {
                plain[i] += p[i];
                encrypted[i] += e[i];
            }
        }
        System.out.printf("CONTROL PLANE encrypted/plaintext position commits/s, 3 rounds pooled: via the leader %.2f, "
                + "via a follower %.2f%n", encrypted[0] / plain[0], encrypted[1] / plain[1]);
    }

    /**
     * The control plane alone: three Raft members in this JVM (fsync on, as in a worker), 8 threads each
     * committing a task's source positions (the command a source task sends at every flush), through the
     * leader and through a follower.
     */
    private static void controlPlane(Path root, javax.crypto.SecretKey transportKey, double[] perSecond) throws Exception {
        List<ClusterConfig.Address> members = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                members.add(new ClusterConfig.Address("r" + i, "127.0.0.1", s.getLocalPort()));
            }
        }
        List<RaftNode> nodes = new ArrayList<>();
        String name = "bench-" + System.nanoTime();
        try {
            for (ClusterConfig.Address m : members) {
                ClusterConfig config = new ClusterConfig(name, m.id(), members, m, null,
                        LEASE_MS, root.resolve("raft-" + name + "-" + m.id()), transportKey);
                RaftNode node = new RaftNode(config, new ClusterState(System::nanoTime), 5000);
                node.start();
                nodes.add(node);
            }
            TestWorker.await("a Raft leader", Duration.ofSeconds(30), () -> nodes.stream().anyMatch(RaftNode::isLeader));
            RaftNode leader = nodes.stream().filter(RaftNode::isLeader).findFirst().orElseThrow();
            RaftNode follower = nodes.stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
            leader.call(Commands.putConnector(new io.openmessaging.omsconnect.store.StoredConnector("bench",
                    Map.of(), io.openmessaging.omsconnect.store.TargetState.STARTED, List.of()), true));
            Unit unit = Unit.instance("bench");
            leader.call(Commands.assign(0, Map.of(unit, "bench-worker")));
            leader.call(Commands.hold(unit, "bench-worker"));
            for (RaftNode via : List.of(leader, follower)) {
                perSecond[via == leader ? 0 : 1] = throughput(8, "CONTROL PLANE position commits via the "
                        + (via == leader ? "leader" : "follower") + " (fsync on, transport "
                        + (transportKey == null ? "plaintext" : "encrypted") + ")", (client, n) -> {
                    JSONObject r = via.call(Commands.positions("bench", unit, "bench-worker", Map.of(
                            new io.openmessaging.connector.api.data.RecordPartition(Map.of("file", "p" + client)),
                            new io.openmessaging.connector.api.data.RecordOffset(Map.of("position", n)))));
                    if (!r.getBooleanValue("ok")) {
                        throw new IllegalStateException(r.toString());
                    }
                });
            }
        } finally {
            nodes.forEach(RaftNode::close);
        }
    }

    private static void positionCommits(ChildCluster cluster, Path root) throws Exception {
        String lead = cluster.leader();
        Path file = Files.writeString(root.resolve("positions.txt"), "");
        create(cluster, lead, "positions", Map.of("connector-class", "io.openmessaging.omsconnect.file.FileSourceConnector",
                "file", file.toString(), "connect-topicname", "positions-" + System.nanoTime()));
        cluster.call(lead, "PUT", "/connectors/positions/stop", null);
        List<String> workers = List.of("w1", "w2", "w3");
        throughput(8, "REST position changes (PATCH /connectors/c/offsets over 3 workers)", (client, n) -> {
            JSONObject body = JSONObject.of("offsets", List.of(Map.of("partition", Map.of("file", "p" + client),
                    "offset", Map.of("position", n))));
            HttpResponse<String> r = cluster.call(workers.get(client % 3), "PATCH", "/connectors/positions/offsets", body);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("PATCH offsets answered " + r.statusCode() + ": " + r.body());
            }
        });
        cluster.call(lead, "DELETE", "/connectors/positions", null);
    }

    private static void rebalance(ChildCluster cluster, Path root) throws Exception {
        Path probeDir = Files.createDirectories(root.resolve("probe"));
        for (String c : List.of("file-source", "file-sink")) {
            cluster.call(cluster.leader(), "DELETE", "/connectors/" + c, null); // 404 when absent: fine
        }
        for (int i = 0; i < 200; i++) {
            create(cluster, "w" + (1 + i % 3), "probe-" + i, Map.of("connector-class", ProbePlugins.SOURCE,
                    "probe.dir", probeDir.toString(), "probe.every.ms", "1000", "max-task", "1"));
        }
        TestWorker.await("200 connectors RUNNING", Duration.ofMinutes(5), () -> allRunning(cluster, 200, List.of()));
        long start = System.nanoTime();
        cluster.start("w4");
        cluster.awaitMembers(Duration.ofSeconds(90), "w1", "w2", "w3", "w4");
        long joined = System.nanoTime();
        TestWorker.await("w4 holds its share", Duration.ofMinutes(5), () -> {
            for (Object o : cluster.workers()) {
                JSONObject w = (JSONObject) o;
                if ("w4".equals(w.getString("id"))) {
                    return w.getJSONArray("connectors").size() + w.getJSONArray("tasks").size() >= 400 / 4;
                }
            }
            return false;
        });
        TestWorker.await("every unit RUNNING", Duration.ofMinutes(5), () -> allRunning(cluster, 200, List.of()));
        long end = System.nanoTime();
        System.out.printf("REBALANCE 200 connectors (400 units) on a fourth worker: %d ms from its start "
                        + "(%d ms after it was a member) until it holds 100 units and all are RUNNING%n",
                (end - start) / 1_000_000, (end - joined) / 1_000_000);
    }

    /** Every probe connector and its task RUNNING, none on {@code notOn}: one {@code ?expand=status} call. */
    private static boolean allRunning(ChildCluster cluster, int connectors, List<String> notOn) throws Exception {
        HttpResponse<String> r = cluster.call("w1", "GET", "/connectors?expand=status", null);
        if (r.statusCode() != 200) {
            return false;
        }
        JSONObject all = JSONObject.parseObject(r.body());
        int running = 0;
        for (String name : all.keySet()) {
            if (!name.startsWith("probe-")) {
                continue;
            }
            JSONObject status = all.getJSONObject(name).getJSONObject("status");
            JSONObject connector = status.getJSONObject("connector");
            var tasks = status.getJSONArray("tasks");
            boolean ok = "RUNNING".equals(connector.getString("state")) && !notOn.contains(connector.getString("worker_id"))
                    && tasks.size() == 1 && "RUNNING".equals(tasks.getJSONObject(0).getString("state"))
                    && !notOn.contains(tasks.getJSONObject(0).getString("worker_id"));
            running += ok ? 1 : 0;
        }
        return running == connectors;
    }

    private static void create(ChildCluster cluster, String via, String name, Map<String, String> config) throws Exception {
        HttpResponse<String> r = cluster.call(via, "POST", "/connectors", Map.of("name", name, "config", config));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("create " + name + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static void awaitRunning(ChildCluster cluster, List<String> notOn) throws Exception {
        TestWorker.await("the pipeline RUNNING" + (notOn.isEmpty() ? "" : " off " + notOn), Duration.ofSeconds(90),
                () -> cluster.runningEverywhereBut("file-source", 1, notOn)
                        && cluster.runningEverywhereBut("file-sink", 1, notOn));
    }

    /** One operation of a throughput client: {@code n} counts that client's operations. */
    @FunctionalInterface
    private interface Operation {
        void run(int client, long n) throws Exception;
    }

    /** Runs {@code clients} threads doing {@code op} for 10 s; prints and returns operations per second. */
    private static double throughput(int clients, String what, Operation op) throws Exception {
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long until = start + 10_000_000_000L;
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            running.add(pool.submit(() -> {
                long n = 0;
                while (System.nanoTime() < until) {
                    op.run(client, n++);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = done.get() / seconds;
        System.out.printf("%s: %.0f/s (%d clients, %d in %.1f s)%n", what, perSecond, clients, done.get(), seconds);
        return perSecond;
    }

    private static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
