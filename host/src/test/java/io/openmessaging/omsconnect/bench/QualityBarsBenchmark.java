package io.openmessaging.omsconnect.bench;

import com.alibaba.fastjson2.JSON;
import io.openmessaging.omsconnect.it.TestWorker;
import io.openmessaging.omsconnect.plugin.Pf4jPluginHost;
import io.openmessaging.omsconnect.plugin.TestPlugins;
import io.openmessaging.connector.api.component.task.source.SourceConnector;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plugin host's quality bars of the design card, measured (a main, never a timed test):
 * <ul>
 *   <li>boot with 20 plugins (our 6 built ones and 14 small connector jars) to "boot success": the first boot
 *       (zips extracted) and the median of 5 restarts, bar &lt; 2 s;</li>
 *   <li>hot install: {@code POST /plugins} of the file connector, then a file source and sink through it, to
 *       the first line in the output file: median of 20 (after 3 not counted), bar &lt; 500 ms;</li>
 *   <li>Metaspace over install / use / uninstall cycles of a connector jar (2000; the bar says 500): used after
 *       a full GC, and the classes loaded, every tenth of the cycles, bar: flat;</li>
 *   <li>REST: {@code wrk} (if installed: {@code apt install wrk}) on {@code GET /connectors} of a worker with 20
 *       connectors, 2 threads, 16 connections, 10 s: bar no errors, p99 &lt; 10 ms.</li>
 * </ul>
 * <pre>mvn -q -DskipTests package && mvn -q -pl host -am -Pquality-bars verify -DskipTests</pre>
 * {@code -Dbars.only=boot,hot,metaspace,rest} picks some, {@code -Dbars.cycles=2000} sets the cycles.
 */
public final class QualityBarsBenchmark {
    private static final int PLUGINS = 20;
    /** Install / use / uninstall cycles of the Metaspace bar ({@code -Dbars.cycles}, default 500). */
    private static final int CYCLES = Integer.getInteger("bars.cycles", 2000);
    private static final String[] BUILT = {"file-connector", "jdbc-connector", "mysql-connector", "oms-driver-local",
            "oms-driver-rabbitmq", "oms-driver-rocketmq"};

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("omsconnect-bars");
        try {
            List<String> only = List.of(System.getProperty("bars.only", "boot,hot,metaspace,rest").split(","));
            if (only.contains("boot")) {
                boot(work.resolve("boot"));
            }
            if (only.contains("hot")) {
                hotInstall(work.resolve("hot"));
            }
            if (only.contains("metaspace")) {
                metaspace(work.resolve("metaspace"));
            }
            if (only.contains("rest")) {
                rest(work.resolve("rest"));
            }
        } finally {
            PipelineBenchmark.deleteTree(work);
        }
    }

    /**
     * Each boot is a new worker process, as {@code run_worker.sh} starts one, timed from its start to its
     * "boot success" line; the first finds the zips not extracted yet.
     */
    private static void boot(Path root) throws Exception {
        Path plugins = TestWorker.create(root, BUILT).pluginsDir();
        for (int i = BUILT.length; i < PLUGINS; i++) {
            String className = "com.acme.boot" + i + ".Boot" + i + "Source";
            Files.write(plugins.resolve("boot-connector-" + i + "-1.0.jar"), TestPlugins.zipBytes(
                    TestPlugins.plainManifest(), TestPlugins.compile(Map.of(className, TestPlugins.sourceConnector(className)))));
        }
        Path conf = root.resolve("connect.conf");
        Files.writeString(conf, "workerId=boot\nhttpPort=0\nstorePathRootDir=" + root.resolve("store")
                + "\npluginsDir=" + plugins + "\n", StandardCharsets.UTF_8);
        List<Long> restarts = new ArrayList<>();
        long first = 0;
        for (int run = 0; run <= 5; run++) {
            long ms = bootProcess(conf, root.resolve("logs"));
            if (run == 0) {
                first = ms;
            } else {
                restarts.add(ms);
            }
        }
        System.out.printf(Locale.ROOT, "RESULT boot with %d plugins, process start to boot success: first (zips"
                + " extracted) %d ms, restarts median %d ms (%s), bar < 2000 ms%n", PLUGINS, first, median(restarts), restarts);
    }

    private static long bootProcess(Path conf, Path logs) throws Exception {
        long start = System.nanoTime();
        Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Domsconnect.logDir=" + logs, "-cp", System.getProperty("java.class.path"),
                "io.openmessaging.omsconnect.WorkerMain", conf.toString()).redirectErrorStream(true).start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("boot success")) {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    worker.destroy(); // SIGTERM: the worker's shutdown hook stops it
                    if (!worker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        worker.destroyForcibly();
                    }
                    return ms;
                }
            }
        }
        throw new IllegalStateException("the worker ended before booting, exit code " + worker.waitFor());
    }

    private static void hotInstall(Path root) throws Exception {
        byte[] jar = Files.readAllBytes(TestWorker.builtPlugin("file-connector"));
        List<Long> toPut = new ArrayList<>();
        List<Long> samples = new ArrayList<>();
        TestWorker configured = TestWorker.create(root, "oms-driver-local");
        configured.properties().remove("offsetFlushIntervalMs"); // the default (1 s): the file sink flushes on commit
        try (TestWorker worker = configured.start()) {
            for (int i = 0; i < 23; i++) {
                Path in = root.resolve("in-" + i + ".txt");
                Path out = root.resolve("out-" + i + ".txt");
                Files.writeString(in, "hot line " + i + "\n", StandardCharsets.UTF_8);
                long start = System.nanoTime();
                expect(201, worker.upload("/plugins?name=file-connector-0.1.0.jar", jar));
                expect(201, worker.send("POST", "/connectors", connector("sink-" + i, Map.of(
                        "connector-class", "io.openmessaging.omsconnect.file.FileSinkConnector",
                        "file", out.toString(), "connect-topicnames", "hot-" + i))));
                expect(201, worker.send("POST", "/connectors", connector("source-" + i, Map.of(
                        "connector-class", "io.openmessaging.omsconnect.file.FileSourceConnector",
                        "file", in.toString(), "connect-topicname", "hot-" + i))));
                String sink = "sink-" + i;
                TestWorker.await("the first record put into the hot-installed sink", Duration.ofSeconds(30),
                        () -> recordsPut(worker, sink) > 0);
                long putMs = (System.nanoTime() - start) / 1_000_000;
                TestWorker.await("the first line through hot-installed connectors", Duration.ofSeconds(30),
                        () -> Files.exists(out) && Files.size(out) > 0);
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (i >= 3) {
                    toPut.add(putMs);
                    samples.add(ms);
                }
                expect(204, worker.delete("/connectors/source-" + i));
                expect(204, worker.delete("/connectors/sink-" + i));
                expect(204, worker.delete("/plugins/file-connector"));
            }
        }
        System.out.printf(Locale.ROOT, "RESULT hot install: POST /plugins to the first record put into the sink"
                + " connector: median %d ms, max %d ms; to that line in its file (written out on the sink's commit: when idle, else every"
                + " offsetFlushIntervalMs = 1000 by default): median %d ms, max %d ms; %d installs, bar < 500 ms%n",
                median(toPut), toPut.stream().mapToLong(Long::longValue).max().orElse(0),
                median(samples), samples.stream().mapToLong(Long::longValue).max().orElse(0), samples.size());
    }

    /** The sink connector's records put so far, from the worker's metrics. */
    private static long recordsPut(TestWorker worker, String connector) {
        return PipelineBenchmark.taskCounter(worker.main().herder(), "omsconnect_task_records_put_total", connector);
    }

    private static void metaspace(Path root) throws Exception {
        String className = "com.acme.cycle.CycleSource";
        byte[] jar = TestPlugins.zipBytes(TestPlugins.plainManifest(),
                TestPlugins.compile(Map.of(className, TestPlugins.sourceConnector(className))));
        List<String> series = new ArrayList<>();
        long atFirstReading = 0;
        long last = 0;
        try (Pf4jPluginHost host = new Pf4jPluginHost(root)) {
            host.start();
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                String id = host.install("cycle-1.0.jar", new ByteArrayInputStream(jar)).id();
                host.newInstance(className, SourceConnector.class);
                host.uninstall(id);
                if (cycle % (CYCLES / 10) == 0) {
                    last = metaspaceUsedAfterGc();
                    atFirstReading = cycle == CYCLES / 10 ? last : atFirstReading;
                    series.add(cycle + ":" + last / 1024 + "K/" + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount() + " classes");
                }
            }
        }
        System.out.printf(Locale.ROOT, "RESULT metaspace over %d install/use/uninstall cycles: %+d KB from cycle %d"
                + " to %d (used after GC / classes loaded: %s), bar: flat%n", CYCLES, (last - atFirstReading) / 1024, CYCLES / 10,
                CYCLES, String.join(", ", series));
    }

    private static void rest(Path root) throws Exception {
        if (!onPath("wrk")) {
            System.out.println("RESULT REST: skipped, wrk is not installed (apt install wrk)");
            return;
        }
        try (TestWorker worker = TestWorker.create(root, "file-connector", "oms-driver-local").start()) {
            for (int i = 0; i < 20; i++) {
                expect(201, worker.send("POST", "/connectors", connector("sink-" + i, Map.of(
                        "connector-class", "io.openmessaging.omsconnect.file.FileSinkConnector",
                        "file", root.resolve("out-" + i + ".txt").toString(), "connect-topicnames", "rest-" + i))));
            }
            Process wrk = new ProcessBuilder("wrk", "-t2", "-c16", "-d10s", "--latency", worker.url("/connectors"))
                    .redirectErrorStream(true).start();
            String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            wrk.waitFor();
            String p99 = report.lines().filter(l -> l.trim().startsWith("99%")).map(l -> l.trim().split("\\s+")[1])
                    .findFirst().orElse("?");
            String rate = report.lines().filter(l -> l.startsWith("Requests/sec:")).map(l -> l.split(":")[1].trim())
                    .findFirst().orElse("?");
            boolean errors = report.contains("Socket errors") || report.contains("Non-2xx");
            System.out.printf(Locale.ROOT, "RESULT REST: wrk GET /connectors (20 connectors), 2 threads, 16 connections,"
                    + " 10 s: p99 %s, %s requests/s, %s, bar: no errors, p99 < 10 ms%n", p99, rate,
                    errors ? "ERRORS: " + report.replace('\n', ' ') : "no errors");
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static long metaspaceUsedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                return pool.getUsage().getUsed();
            }
        }
        throw new IllegalStateException("no Metaspace memory pool");
    }

    private static Map<String, Object> connector(String name, Map<String, String> config) {
        return Map.of("name", name, "config", config);
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }
}
