package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three workers in three JVMs form a cluster over RabbitMQ and go through what clusters go through:
 * connectors created through a follower, {@code kill -9} of a follower and of the leader, a worker paused
 * ({@code kill -STOP}) longer than its lease and resumed. Throughout, a file pipeline moves lines and a probe
 * connector records when each of its task runs is alive. At the end every line arrived and no two runs of
 * one task were ever alive at once.
 */
class ClusterIT {
    private static final long LEASE_MS = 2000;
    private static final int PROBE_TASKS = 6;

    @TempDir
    Path dir;

    @Test
    void tasksMoveOnFailuresAndNeverRunTwice() throws Exception {
        onCluster(3, ClusterIT::scenarios);
    }

    /**
     * Membership at run time: a fourth, non-voting worker joins and takes a share, then leaves; a rolling
     * restart of the three voters; the whole cluster stopped and started again with its state intact. The
     * pipeline and the probe run throughout, as above. Also: the embedded queue is refused in a cluster.
     */
    @Test
    void membersJoinLeaveAndRestartWithStateIntact() throws Exception {
        onCluster(4, ClusterIT::membership);
    }

    /** What a scenario gets: the cluster, the pipeline's input and output files, the probe's folder, a topic. */
    @FunctionalInterface
    private interface Scenario {
        void run(ChildCluster cluster, Path in, Path out, Path probeDir, String topic) throws Exception;
    }

    /** Runs a scenario on {@code workers} workers, three of them voting; prints their logs when it fails. */
    private void onCluster(int workers, Scenario scenario) throws Exception {
        Drivers.RABBITMQ.assumeAvailable();
        Path probeDir = Files.createDirectories(dir.resolve("probe"));
        Path probePlugin = ProbePlugins.write(Files.createDirectories(dir.resolve("built")));
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        Files.writeString(in, "");
        String topic = "cluster-it-" + System.nanoTime();
        try (ChildCluster cluster = new ChildCluster(dir.resolve("cluster"), workers, 3, Drivers.RABBITMQ.url(dir),
                LEASE_MS, TestWorker.builtPlugin("file-connector"), TestWorker.builtPlugin("oms-driver-rabbitmq"),
                probePlugin)) {
            try {
                scenario.run(cluster, in, out, probeDir, topic);
            } catch (Throwable t) {
                cluster.nodes().forEach(n -> System.out.println("---- " + n.id + " ----\n" + cluster.logs(n.id)));
                System.out.println("---- workers: " + cluster.workers());
                for (String c : List.of("probe", "file-source", "file-sink")) {
                    System.out.println("---- " + c + ": " + cluster.status(c));
                }
                throw t;
            }
        }
    }

    private static void membership(ChildCluster cluster, Path in, Path out, Path probeDir, String topic) throws Exception {
        for (String id : List.of("w1", "w2", "w3")) {
            cluster.start(id);
        }
        cluster.awaitMembers(Duration.ofSeconds(60), "w1", "w2", "w3");
        HttpResponse<String> local = cluster.call("w1", "POST", "/connectors", FilePipelineIT.connector("on-local",
                Map.of("connector-class", FilePipelineIT.SOURCE, "file", in.toString(), "connect-topicname", "t",
                        "oms-driver-url", "oms:local:///tmp/somewhere/default")));
        assertEquals(400, local.statusCode(), local.body());
        assertTrue(local.body().contains("oms-driver-url") && local.body().contains("network queue"), local.body());

        create(cluster, "w1", "probe", Map.of("connector-class", ProbePlugins.SOURCE,
                "probe.dir", probeDir.toString(), "max-task", String.valueOf(PROBE_TASKS)));
        create(cluster, "w2", "file-source", Map.of("connector-class", FilePipelineIT.SOURCE,
                "file", in.toString(), "connect-topicname", topic));
        create(cluster, "w3", "file-sink", Map.of("connector-class", FilePipelineIT.SINK,
                "file", out.toString(), "connect-topicnames", topic));
        awaitAllRunning(cluster, List.of());

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> appendLines(in, writing, written), "it-lines");
        writer.start();
        try {
            // a non-voting worker joins and is given a share
            cluster.start("w4");
            cluster.awaitMembers(Duration.ofSeconds(60), "w1", "w2", "w3", "w4");
            TestWorker.await("w4 runs a share", Duration.ofSeconds(30), () -> {
                List<String> on = new ArrayList<>(cluster.workersOf("probe"));
                on.addAll(cluster.workersOf("file-source"));
                on.addAll(cluster.workersOf("file-sink"));
                return on.stream().filter("w4"::equals).count() >= 2;
            });
            JSONArray workers = cluster.workers();
            for (int i = 0; i < workers.size(); i++) {
                JSONObject w = workers.getJSONObject(i);
                assertEquals(!"w4".equals(w.getString("id")), w.getBooleanValue("voter"), w.toString());
            }
            awaitAllRunning(cluster, List.of());

            // it leaves: stopped on purpose, it hands its units back at once
            long leaving = System.nanoTime();
            cluster.stop("w4");
            awaitAllRunning(cluster, List.of("w4"));
            System.out.println("ClusterIT: w4 left → all RUNNING elsewhere in " + (System.nanoTime() - leaving) / 1_000_000 + " ms");
            cluster.awaitMembers(Duration.ofSeconds(30), "w1", "w2", "w3");

            // rolling restart
            for (String id : List.of("w1", "w2", "w3")) {
                cluster.stop(id);
                awaitAllRunning(cluster, List.of(id));
                cluster.start(id);
                cluster.awaitMembers(Duration.ofSeconds(60), "w1", "w2", "w3");
            }
            awaitAllRunning(cluster, List.of());

            // the whole cluster stopped and started: configs, tasks and positions are in the log
            for (String id : List.of("w1", "w2", "w3")) {
                cluster.stop(id);
            }
            for (String id : List.of("w1", "w2", "w3")) {
                cluster.start(id);
            }
            cluster.awaitMembers(Duration.ofSeconds(60), "w1", "w2", "w3");
            awaitAllRunning(cluster, List.of());
            assertEquals(List.of("file-sink", "file-source", "probe"),
                    JSON.parseArray(cluster.call("w2", "GET", "/connectors", null).body()).toJavaList(String.class)
                            .stream().sorted().toList());
        } finally {
            writing.set(false);
            writer.join();
        }
        awaitEveryLineAndNoOverlap(in, out, probeDir, written.get());
    }

    private static void awaitEveryLineAndNoOverlap(Path in, Path out, Path probeDir, int lines) throws Exception {
        TestWorker.await(lines + " lines in the sink's file", Duration.ofSeconds(60),
                () -> new HashSet<>(TestWorker.lines(out)).size() >= lines);
        assertEquals(new HashSet<>(TestWorker.lines(in)), new HashSet<>(TestWorker.lines(out)),
                "the sink's output holds exactly the input's lines");
        List<ProbePlugins.Run> runs = ProbePlugins.runs(probeDir);
        assertTrue(runs.size() > PROBE_TASKS, "task runs seen: " + runs.size());
        assertEquals(List.of(), ProbePlugins.overlaps(runs), "two runs of one task were alive at once");
    }

    private static void scenarios(ChildCluster cluster, Path in, Path out, Path probeDir, String topic) throws Exception {
        cluster.startAll();
        cluster.awaitMembers(Duration.ofSeconds(60), "w1", "w2", "w3");
        String leader = cluster.leader();
        String follower = cluster.nodes().stream().map(n -> n.id).filter(id -> !id.equals(leader)).findFirst().orElseThrow();

        // created through a follower: the write goes through the log to everyone
        create(cluster, follower, "probe", Map.of("connector-class", ProbePlugins.SOURCE,
                "probe.dir", probeDir.toString(), "max-task", String.valueOf(PROBE_TASKS)));
        create(cluster, follower, "file-source", Map.of("connector-class", FilePipelineIT.SOURCE,
                "file", in.toString(), "connect-topicname", topic));
        create(cluster, follower, "file-sink", Map.of("connector-class", FilePipelineIT.SINK,
                "file", out.toString(), "connect-topicnames", topic));
        awaitAllRunning(cluster, List.of());
        Set<String> used = new HashSet<>(cluster.workersOf("probe"));
        assertTrue(used.size() >= 2, "the probe's units spread over the workers: " + used);

        // changed through another follower: the tasks restart with the new config, wherever they run
        String other = cluster.nodes().stream().map(n -> n.id).filter(id -> !id.equals(leader) && !id.equals(follower))
                .findFirst().orElseThrow();
        HttpResponse<String> changed = cluster.call(other, "PUT", "/connectors/probe/config", Map.of(
                "connector-class", ProbePlugins.SOURCE, "probe.dir", probeDir.toString(),
                "max-task", String.valueOf(PROBE_TASKS), "probe.every.ms", "5"));
        assertEquals(200, changed.statusCode(), changed.body());
        TestWorker.await("the probe's tasks on the new config", Duration.ofSeconds(60), () -> {
            String tasks = cluster.getOrNull(leader, "/connectors/probe/tasks");
            return tasks != null && JSON.parseArray(tasks).size() == PROBE_TASKS
                    && JSON.parseArray(tasks).stream().allMatch(t -> "5".equals(((JSONObject) t)
                    .getJSONObject("config").getString("probe.every.ms")));
        });
        awaitAllRunning(cluster, List.of());

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> appendLines(in, writing, written), "it-lines");
        writer.start();
        try {
            // kill -9 a follower
            String victim = cluster.nodes().stream().map(n -> n.id).filter(id -> !id.equals(cluster.leader()))
                    .filter(id -> cluster.workersOf("probe").contains(id)).findFirst().orElse(follower);
            long failover = killAndAwaitMoved(cluster, victim);
            System.out.println("ClusterIT: kill -9 of follower " + victim + " → all RUNNING elsewhere in " + failover + " ms");
            cluster.start(victim);
            cluster.awaitMembers(Duration.ofSeconds(60), "w1", "w2", "w3");

            // kill -9 the leader
            String oldLeader = cluster.leader();
            failover = killAndAwaitMoved(cluster, oldLeader);
            System.out.println("ClusterIT: kill -9 of leader " + oldLeader + " → all RUNNING elsewhere in " + failover + " ms");
            cluster.start(oldLeader);
            cluster.awaitMembers(Duration.ofSeconds(60), "w1", "w2", "w3");
            awaitAllRunning(cluster, List.of());

            // pause a worker holding probe tasks longer than its lease: its tasks move, and when it comes
            // back it must not run them alongside their new workers
            String paused = cluster.workersOf("probe").get(1);
            cluster.signal(paused, "STOP");
            long stoppedAt = System.nanoTime();
            awaitAllRunning(cluster, List.of(paused));
            System.out.println("ClusterIT: " + paused + " paused → all RUNNING elsewhere in "
                    + (System.nanoTime() - stoppedAt) / 1_000_000 + " ms");
            TestWorker.await("15 s of pause", Duration.ofSeconds(30), () -> System.nanoTime() - stoppedAt > 15_000_000_000L);
            cluster.signal(paused, "CONT");
            cluster.awaitMembers(Duration.ofSeconds(60), "w1", "w2", "w3");
            awaitAllRunning(cluster, List.of());
        } finally {
            writing.set(false);
            writer.join();
        }
        awaitEveryLineAndNoOverlap(in, out, probeDir, written.get());
    }

    private static void create(ChildCluster cluster, String via, String name, Map<String, String> config) throws Exception {
        HttpResponse<String> r = cluster.call(via, "POST", "/connectors", FilePipelineIT.connector(name, config));
        assertEquals(201, r.statusCode(), r.body());
    }

    private static void awaitAllRunning(ChildCluster cluster, List<String> notOn) throws Exception {
        TestWorker.await("every connector and task RUNNING" + (notOn.isEmpty() ? "" : " off " + notOn),
                Duration.ofSeconds(60), () -> cluster.runningEverywhereBut("probe", PROBE_TASKS, notOn)
                        && cluster.runningEverywhereBut("file-source", 1, notOn)
                        && cluster.runningEverywhereBut("file-sink", 1, notOn));
    }

    /** @return ms from the kill until every unit RUNNING on the other workers */
    private static long killAndAwaitMoved(ChildCluster cluster, String victim) throws Exception {
        long start = System.nanoTime();
        cluster.kill9(victim);
        awaitAllRunning(cluster, List.of(victim));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void appendLines(Path in, AtomicBoolean writing, AtomicInteger written) {
        try {
            while (writing.get()) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 50; i++) {
                    b.append(String.format("line-%08d xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx%n", written.getAndIncrement()));
                }
                Files.writeString(in, b, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
