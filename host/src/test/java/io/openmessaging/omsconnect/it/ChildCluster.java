package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A cluster of workers, each in its own JVM on 127.0.0.1 ({@link ChildWorker}), for tests that kill,
 * pause and restart them. Worker {@code i} is {@code w<i>}; the first {@code voters} vote. Each worker has
 * its own store and its own copy of the plugins; they share the queue.
 */
public final class ChildCluster implements AutoCloseable {
    private final Path root;
    private final String driverUrl;
    private final long leaseMs;
    private final List<Node> nodes = new ArrayList<>();
    private final String members;
    /**
     * Options of the workers' JVMs. Tests: C1 only and the serial collector, so a worker boots faster and
     * leaves the two cores to the others (they check what happens, not how fast records flow); a benchmark
     * passes none, to measure workers as they run in production.
     */
    private List<String> jvmOptions = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A worker of the cluster: its config and, while it runs, its process. */
    public static final class Node {
        public final String id;
        public final int restPort;
        final int raftPort;
        final Path dir;
        Process process;
        volatile boolean frozen;

        Node(String id, int restPort, int raftPort, Path dir) {
            this.id = id;
            this.restPort = restPort;
            this.raftPort = raftPort;
            this.dir = dir;
        }
    }

    public ChildCluster(Path root, int workers, int voters, String driverUrl, long leaseMs, Path... plugins) throws IOException {
        this.root = root;
        this.driverUrl = driverUrl;
        this.leaseMs = leaseMs;
        for (int i = 1; i <= workers; i++) {
            Path dir = root.resolve("w" + i);
            Files.createDirectories(dir.resolve("plugins"));
            for (Path p : plugins) {
                Files.copy(p, dir.resolve("plugins").resolve(p.getFileName()));
            }
            nodes.add(new Node("w" + i, freePort(), freePort(), dir));
        }
        members = nodes.subList(0, voters).stream().map(n -> n.id + "@127.0.0.1:" + n.raftPort)
                .collect(Collectors.joining(","));
        for (Node n : nodes) {
            writeConfig(n);
        }
    }

    private void writeConfig(Node n) throws IOException {
        Files.writeString(n.dir.resolve("connect.conf"), String.join("\n",
                "workerId=" + n.id, "httpPort=" + n.restPort, "storePathRootDir=" + n.dir.resolve("store"),
                "pluginsDir=" + n.dir.resolve("plugins"), "offsetFlushIntervalMs=200", "omsDriverUrl=" + driverUrl,
                "mode=distributed", "clusterName=it-" + root.getFileName(), "clusterMembers=" + members,
                "clusterListen=127.0.0.1:" + n.raftPort, "leaseMs=" + leaseMs, "taskShutdownTimeoutMs=2000",
                // encrypted as a cluster beyond loopback must be: the scenarios run on the transport users get
                "clusterSecret=it secret " + root.getFileName()));
    }

    /** A free TCP port whose +100 is free too (JGroups' FD_SOCK2 listens there). */
    private static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                int port = s.getLocalPort();
                if (port + 100 < 65536) {
                    try (ServerSocket t = new ServerSocket(port + 100)) {
                        return port;
                    } catch (IOException taken) {
                        // try another
                    }
                }
            }
        }
    }

    /** Replaces the workers' JVM options (see the field). */
    public ChildCluster jvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
        return this;
    }

    public Node node(String id) {
        return nodes.stream().filter(n -> n.id.equals(id)).findFirst().orElseThrow();
    }

    public List<Node> nodes() {
        return nodes;
    }

    public void start(String id) throws Exception {
        Node n = node(id);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dprobe.worker=" + n.id,
                "-Domsconnect.logDir=" + n.dir.resolve("logs"), "-cp", cp, "io.openmessaging.omsconnect.WorkerMain",
                n.dir.resolve("connect.conf").toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(n.dir.resolve("out.log").toFile()));
        n.process = pb.start();
        n.frozen = false;
    }

    public void startAll() throws Exception {
        for (Node n : nodes) {
            start(n.id);
        }
    }

    public void kill9(String id) throws Exception {
        Node n = node(id);
        n.process.destroyForcibly().waitFor();
        n.process = null;
    }

    /** SIGTERM, and wait for the worker to have stopped its tasks and left. */
    public void stop(String id) throws Exception {
        Node n = node(id);
        n.process.destroy();
        n.process.waitFor();
        n.process = null;
    }

    public void signal(String id, String signal) throws Exception {
        Node n = node(id);
        new ProcessBuilder("kill", "-" + signal, String.valueOf(n.process.pid())).inheritIO().start().waitFor();
        if (signal.equals("STOP")) {
            n.frozen = true;
        } else if (signal.equals("CONT")) {
            n.frozen = false;
        }
    }

    /** Alive and not frozen by SIGSTOP: a worker whose REST can answer. */
    public boolean running(String id) {
        Node n = node(id);
        return n.process != null && n.process.isAlive() && !n.frozen;
    }

    // ---- REST ----

    public HttpResponse<String> call(String id, String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node(id).restPort + path))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.toJSONString(body)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a 200 answer, or null when the worker is down or answered otherwise. */
    public String getOrNull(String id, String path) {
        try {
            HttpResponse<String> r = call(id, "GET", path, null);
            return r.statusCode() == 200 ? r.body() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** {@code GET /cluster/workers} as some running worker sees it; null when none answers. */
    public JSONArray workers() {
        for (Node n : nodes) {
            if (running(n.id)) {
                String body = getOrNull(n.id, "/cluster/workers");
                if (body != null) {
                    return JSON.parseArray(body);
                }
            }
        }
        return null;
    }

    /** The leader's id as the running workers see it, or null. */
    public String leader() {
        JSONArray ws = workers();
        if (ws == null) {
            return null;
        }
        for (int i = 0; i < ws.size(); i++) {
            if ("leader".equals(ws.getJSONObject(i).getString("role"))) {
                return ws.getJSONObject(i).getString("id");
            }
        }
        return null;
    }

    /** Waits until the running workers see exactly {@code ids} as members, with a leader among them. */
    public void awaitMembers(Duration timeout, String... ids) throws Exception {
        List<String> want = List.of(ids).stream().sorted().toList();
        TestWorker.await("cluster members " + want, timeout, () -> {
            JSONArray ws = workers();
            if (ws == null || leader() == null) {
                return false;
            }
            List<String> have = new ArrayList<>();
            for (int i = 0; i < ws.size(); i++) {
                have.add(ws.getJSONObject(i).getString("id"));
            }
            return have.stream().sorted().toList().equals(want);
        });
    }

    /** A connector's status through a running worker, or null. */
    public JSONObject status(String connector) {
        for (Node n : nodes) {
            if (running(n.id)) {
                String body = getOrNull(n.id, "/connectors/" + connector + "/status");
                if (body != null) {
                    return JSON.parseObject(body);
                }
            }
        }
        return null;
    }

    /**
     * True when the connector and {@code tasks} tasks are RUNNING, none of them on a worker in {@code notOn}.
     */
    public boolean runningEverywhereBut(String connector, int tasks, List<String> notOn) {
        JSONObject s = status(connector);
        if (s == null || !"RUNNING".equals(s.getJSONObject("connector").getString("state"))
                || notOn.contains(s.getJSONObject("connector").getString("worker_id"))) {
            return false;
        }
        JSONArray ts = s.getJSONArray("tasks");
        if (ts.size() != tasks) {
            return false;
        }
        for (int i = 0; i < ts.size(); i++) {
            JSONObject t = ts.getJSONObject(i);
            if (!"RUNNING".equals(t.getString("state")) || notOn.contains(t.getString("worker_id"))) {
                return false;
            }
        }
        return true;
    }

    /** The workers running the connector's instance or tasks, per its status. */
    public List<String> workersOf(String connector) {
        JSONObject s = status(connector);
        List<String> out = new ArrayList<>();
        if (s != null) {
            out.add(s.getJSONObject("connector").getString("worker_id"));
            JSONArray ts = s.getJSONArray("tasks");
            for (int i = 0; i < ts.size(); i++) {
                out.add(ts.getJSONObject(i).getString("worker_id"));
            }
        }
        return out;
    }

    public String logs(String id) {
        try {
            Path f = node(id).dir.resolve("out.log");
            List<String> lines = Files.exists(f) ? Files.readAllLines(f) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        for (Node n : nodes) {
            if (n.process != null) {
                n.process.destroyForcibly();
                try {
                    n.process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
