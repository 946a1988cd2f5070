package io.openmessaging.omsconnect.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file pipeline through a real worker while its message queue goes away mid-stream: a driver that can
 * ride the outage out (reconnect, send again, resume) does, and the tasks never fail; when it cannot, the
 * tasks report the failure (FAILED status) and are restarted with backoff. Either way, once the server is
 * back every line arrives, first arrivals in input order (repeats are allowed: delivery is at least once).
 */
class BrokerOutageIT {
    private static final int BEFORE = 20_000;
    private static final int DURING = 5_000;
    private static final Duration ALL_LINES = Duration.ofSeconds(60);
    /** A socket line of {@code ss -tnH}: local address:port then peer address:port (Java's may be [::ffff:…]). */
    private static final Pattern CLIENT_PORT = Pattern.compile("\\S+:(\\d+)\\s+\\S+:5672\\s");

    @TempDir
    Path dir;

    /**
     * RabbitMQ: the broker closes the worker's AMQP connections. The driver reconnects, sends again what was not
     * confirmed and its consumers resume at their committed offsets, all within a send's timeout: the tasks
     * never see the outage.
     */
    @Test
    void rabbitMqConnectionsClosedByTheBrokerAreRiddenThrough() throws Exception {
        Drivers.RABBITMQ.assumeAvailable();
        Assumptions.assumeTrue(rabbitmqctlWorks(),
                "rabbitmqctl is absent or cannot talk to the local broker; skipping the connection-kill test");
        runThroughAnOutage(Drivers.RABBITMQ, Drivers.RABBITMQ.url(dir), BrokerOutageIT::closeThisJvmsAmqpConnections,
                () -> {
                }, null, false);
    }

    /**
     * RabbitMQ: the broker's application stops for longer than a send's timeout (10 s): sends fail, the tasks
     * report it (FAILED) and are restarted with backoff until the broker is back.
     */
    @Test
    void rabbitMqBrokerAwayLongerThanASendsTimeout() throws Exception {
        Drivers.RABBITMQ.assumeAvailable();
        Assumptions.assumeTrue(rabbitmqctlWorks(),
                "rabbitmqctl is absent or cannot talk to the local broker; skipping the broker-stop test");
        try {
            runThroughAnOutage(Drivers.RABBITMQ, Drivers.RABBITMQ.url(dir),
                    () -> assertEquals(0, LocalCommand.run(Duration.ofSeconds(60), "rabbitmqctl", "stop_app").exitCode()),
                    BrokerOutageIT::startRabbitMq, null, true, Duration.ofSeconds(14));
        } finally {
            startRabbitMq(); // whatever happened: the broker is the machine's, other tests need it
        }
    }

    private static void startRabbitMq() throws Exception {
        LocalCommand.Result started = LocalCommand.run(Duration.ofSeconds(60), "rabbitmqctl", "start_app");
        assertEquals(0, started.exitCode(), started.output());
        LocalCommand.run(Duration.ofSeconds(60), "rabbitmqctl", "await_startup");
    }

    /** RocketMQ: the name server and broker stop, and a new pair starts on the same ports and store. */
    @Test
    void rocketMqBrokerStoppedAndStartedAgain() throws Exception {
        Drivers.ROCKETMQ.assumeAvailable();
        ChildRocketMq[] mq = {ChildRocketMq.start(dir.resolve("rocketmq"))};
        try {
            runThroughAnOutage(Drivers.ROCKETMQ, mq[0].url(), mq[0]::stop, () -> mq[0] = mq[0].restart(), mq[0], true);
        } finally {
            mq[0].stop();
        }
    }

    private void runThroughAnOutage(Drivers driver, String url, Outage down, Outage up, ChildRocketMq topics,
                                    boolean tasksReportIt) throws Exception {
        runThroughAnOutage(driver, url, down, up, topics, tasksReportIt, Duration.ofSeconds(8));
    }

    /**
     * @param tasksReportIt whether a task must be seen FAILED during the outage (the driver gave up), or none
     *                      may be (the driver rode it out)
     */
    private void runThroughAnOutage(Drivers driver, String url, Outage down, Outage up, ChildRocketMq topics,
                                    boolean tasksReportIt, Duration outage) throws Exception {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        List<String> lines = FilePipelineIT.numbered(0, BEFORE + DURING);
        FilePipelineIT.append(in, lines.subList(0, BEFORE));
        String topic = "outage" + Long.toHexString(System.nanoTime());
        if (topics != null) {
            topics.createTopic(topic, 1, "sink");
        }
        // quick restarts: the point is that they happen and end once the server is back
        Map<String, String> restarts = new java.util.HashMap<>(Map.of(
                "task-restart-backoff-ms", "200", "task-restart-backoff-max-ms", "2000"));
        if (driver == Drivers.ROCKETMQ) {
            restarts.put("source-send-async", "false"); // its async sends may be reordered (see DriverMatrixIT)
        }
        try (TestWorker w = TestWorker.create(dir, "file-connector", driver.plugin).start()) {
            HttpResponse<String> sink = w.send("POST", "/connectors", FilePipelineIT.connector("sink", with(restarts, Map.of(
                    "connector-class", FilePipelineIT.SINK, "file", out.toString(), "connect-topicnames", topic,
                    "oms-driver-url", url))));
            assertEquals(201, sink.statusCode(), sink.body());
            TestWorker.await("the sink task to run", Duration.ofSeconds(30),
                    () -> TestWorker.tasksRunning(w.get("/connectors/sink/status").body()));
            HttpResponse<String> source = w.send("POST", "/connectors", FilePipelineIT.connector("source", with(restarts, Map.of(
                    "connector-class", FilePipelineIT.SOURCE, "file", in.toString(), "connect-topicname", topic,
                    "oms-driver-url", url))));
            assertEquals(201, source.statusCode(), source.body());
            TestWorker.await("the first lines", Duration.ofSeconds(60), () -> TestWorker.lines(out).size() >= 1000);

            Set<String> failed = new LinkedHashSet<>();
            down.run();
            // lines written while the server is away: the source must send them, fail, and retry
            FilePipelineIT.append(in, lines.subList(BEFORE, BEFORE + DURING));
            long upAt = System.nanoTime() + outage.toNanos();
            while (System.nanoTime() < upAt) {
                recordFailures(w, failed);
                Thread.sleep(50);
            }
            up.run();
            TestWorker.await("all " + lines.size() + " lines over " + driver + " after the outage", ALL_LINES, () -> {
                recordFailures(w, failed);
                return new LinkedHashSet<>(TestWorker.lines(out)).size() >= lines.size();
            });
            System.out.println(driver + " outage: tasks seen FAILED: " + failed + "; output lines "
                    + TestWorker.lines(out).size() + " for " + lines.size() + " input lines");
            if (tasksReportIt) {
                assertTrue(!failed.isEmpty(), "no task reported the outage (never FAILED)");
            } else {
                assertTrue(failed.isEmpty(), "the driver was to ride the outage out, but tasks FAILED: " + failed);
            }
            TestWorker.await("the tasks to run again", Duration.ofSeconds(30),
                    () -> running(w, "source") && running(w, "sink"));
        }
        List<String> firstArrivals = new ArrayList<>(new LinkedHashSet<>(TestWorker.lines(out)));
        assertEquals(lines, firstArrivals, "every line, first arrivals in input order");
    }

    private static boolean running(TestWorker w, String connector) throws Exception {
        return TestWorker.tasksRunning(w.get("/connectors/" + connector + "/status").body());
    }

    private static void recordFailures(TestWorker w, Set<String> failed) throws Exception {
        for (String connector : List.of("source", "sink")) {
            if (w.get("/connectors/" + connector + "/status").body().contains("\"state\":\"FAILED\"")) {
                failed.add(connector);
            }
        }
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new java.util.HashMap<>(a);
        out.putAll(b);
        return out;
    }

    /**
     * Closes, through {@code rabbitmqctl}, the broker's connections whose client port belongs to this
     * JVM (found with {@code ss}): other processes using the same broker keep theirs.
     */
    private static void closeThisJvmsAmqpConnections() throws Exception {
        LocalCommand.Result sockets = LocalCommand.run(Duration.ofSeconds(10), "ss", "-tnpH", "state", "established", "dport", "= :5672");
        Set<String> ourPorts = new LinkedHashSet<>();
        String pid = "pid=" + ProcessHandle.current().pid() + ",";
        for (String line : sockets.output().split("\n")) {
            Matcher m = CLIENT_PORT.matcher(line);
            if (line.contains(pid) && m.find()) {
                ourPorts.add(m.group(1));
            }
        }
        LocalCommand.Result connections = LocalCommand.run(Duration.ofSeconds(20), "rabbitmqctl", "-q", "list_connections", "pid", "peer_port");
        int closed = 0;
        for (String line : connections.output().split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 2 && ourPorts.contains(cols[1])) {
                LocalCommand.Result r = LocalCommand.run(Duration.ofSeconds(20), "rabbitmqctl", "close_connection", cols[0], "omsconnect outage test");
                assertEquals(0, r.exitCode(), r.output());
                closed++;
            }
        }
        assertTrue(closed > 0, "no AMQP connection of this JVM found to close; its client ports " + ourPorts
                + ", the broker's connections: " + connections.output());
    }

    private static boolean rabbitmqctlWorks() throws InterruptedException {
        try {
            return LocalCommand.run(Duration.ofSeconds(30), "rabbitmqctl", "-q", "list_connections", "pid").exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface Outage {
        void run() throws Exception;
    }
}
