package io.openmessaging.omsconnect.bench;

import com.alibaba.fastjson2.JSONObject;
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
 * <li>position commits/s the control plane sustains ({@code PATCH /connectors/c/offsets} of a stopped source
 *     from 8 clients; each is one command);</li>
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
        try (ChildCluster cluster = new ChildCluster(root.resolve("cluster"), 4, 3, url, LEASE_MS,
                TestWorker.builtPlugin("file-connector"), TestWorker.builtPlugin("oms-driver-rabbitmq"), probe)) {
            for (String id : List.of("w1", "w2", "w3")) {
                cluster.start(id);
            }
            cluster.awaitMembers(Duration.ofSeconds(90), "w1", "w2", "w3");
            failover(cluster, root, trials);
            writeLatency(cluster);
            positionCommits(cluster, root);
            rebalance(cluster, root);
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

    private static void writeLatency(ChildCluster cluster) throws Exception {
        String lead = cluster.leader();
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

    private static void positionCommits(ChildCluster cluster, Path root) throws Exception {
        String lead = cluster.leader();
        Path file = Files.writeString(root.resolve("positions.txt"), "");
        create(cluster, lead, "positions", Map.of("connector-class", "io.openmessaging.omsconnect.file.FileSourceConnector",
                "file", file.toString(), "connect-topicname", "positions-" + System.nanoTime()));
        cluster.call(lead, "PUT", "/connectors/positions/stop", null);
        List<String> workers = List.of("w1", "w2", "w3");
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        long until = start + 10_000_000_000L;
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < until) {
                    JSONObject body = JSONObject.of("offsets", List.of(Map.of("partition", Map.of("file", "p" + client),
                            "offset", Map.of("position", n++))));
                    HttpResponse<String> r = cluster.call(workers.get(client % 3), "PATCH", "/connectors/positions/offsets", body);
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("PATCH offsets answered " + r.statusCode() + ": " + r.body());
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("POSITION commits through the log: %.0f/s (8 REST clients over 3 workers, %d in %.1f s)%n",
                done.get() / seconds, done.get(), seconds);
        cluster.call(lead, "DELETE", "/connectors/positions", null);
    }

    private static void rebalance(ChildCluster cluster, Path root) throws Exception {
        Path probeDir = Files.createDirectories(root.resolve("probe"));
        for (String c : List.of("file-source", "file-sink")) {
            cluster.call(cluster.leader(), "DELETE", "/connectors/" + c, null);
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

    private static boolean allRunning(ChildCluster cluster, int connectors, List<String> notOn) {
        for (int i = 0; i < connectors; i++) {
            if (!cluster.runningEverywhereBut("probe-" + i, 1, notOn)) {
                return false;
            }
        }
        return true;
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
