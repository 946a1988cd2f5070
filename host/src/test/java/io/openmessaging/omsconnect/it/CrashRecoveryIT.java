package io.openmessaging.omsconnect.it;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code kill -9} of a worker at {@value #KILLS} random moments of a file → queue → file pipeline of
 * {@value #LINES} lines (on Kafka: {@value #KAFKA_KILLS} moments of {@value #KAFKA_LINES} lines, as each restart
 * costs a group join), restarting it on the same stores each time. After every restart the output holds only
 * whole input lines, first arrivals in input order with no gap; at the end every line is there. Lines may
 * come twice only because the file source sends again what it sent after its last stored position (the
 * sink's own redeliveries are skipped by its commit log where the driver gives a queueOffset).
 */
class CrashRecoveryIT {
    private static final int LINES = 200_000;
    private static final int KILLS = 20;
    private static final int KAFKA_LINES = 100_000;
    private static final int KAFKA_KILLS = 8;
    private static final int LINE_BYTES = FilePipelineIT.numbered(0, 1).get(0).length() + 1;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Drivers.class, names = {"LOCAL", "RABBITMQ", "KAFKA"})
    void killDashNineAtRandomMomentsLosesAndTearsNothing(Drivers driver) throws Exception {
        driver.assumeAvailable();
        int lines = driver == Drivers.KAFKA ? KAFKA_LINES : LINES;
        int kills = driver == Drivers.KAFKA ? KAFKA_KILLS : KILLS;
        // Kafka: the restarted worker's sink consumer comes back as the static member it was, and takes its
        // partition at once instead of after the killed member's session timed out
        String url = driver == Drivers.KAFKA ? driver.url(dir) + "&kafka.group.instance.prefix=crash-worker" : driver.url(dir);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ChildWorker.Config config = ChildWorker.configure(dir, "crash-worker", 100, "file-connector", driver.plugin);
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        List<String> input = FilePipelineIT.numbered(0, lines);
        Set<String> inputSet = new HashSet<>(input);
        String topic = driver.prepareTopic("crash-" + Long.toHexString(System.nanoTime()));
        int chunk = lines / kills;
        List<String> killedAt = new ArrayList<>();

        for (int k = 0; k <= kills; k++) {
            Process worker = ChildWorker.start(config.file(), dir.resolve("worker-" + k + ".log"));
            try {
                ChildWorker.awaitUp(config.port());
                if (k == 0) {
                    Map<String, String> sink = new HashMap<>(Map.of("connector-class", FilePipelineIT.SINK,
                            "file", out.toString(), "connect-topicnames", topic, "oms-driver-url", url));
                    ChildWorker.createConnector(config.port(), FilePipelineIT.connector("file-sink", sink));
                    ChildWorker.createConnector(config.port(), FilePipelineIT.connector("file-source", Map.of(
                            "connector-class", FilePipelineIT.SOURCE, "file", in.toString(), "connect-topicname", topic,
                            "oms-driver-url", url)));
                } else {
                    // the sink cut what it had not committed when it started: from here the file holds whole lines only
                    awaitSinkRunning(config.port());
                    checkPrefix(out, input, inputSet, "after restart " + k);
                }
                if (k == kills) {
                    TestWorker.await("every line after the last restart", Duration.ofSeconds(180),
                            () -> distinctLines(out) >= lines);
                    break;
                }
                FilePipelineIT.append(in, input.subList(k * chunk, (k + 1) * chunk));
                // a moment inside this chunk's flow, a little later still by chance: mid-batch, mid-commit, mid-write
                long target = (long) (k * chunk + random.nextInt(chunk)) * LINE_BYTES;
                TestWorker.await("the pipeline to reach kill point " + k, Duration.ofSeconds(120),
                        () -> Files.exists(out) && Files.size(out) >= target);
                Thread.sleep(random.nextInt(50)); // not an assertion's wait: it only moves the kill by chance
            } finally {
                if (k < kills) {
                    killedAt.add(String.valueOf(Files.exists(out) ? Files.size(out) / LINE_BYTES : 0));
                    worker.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
                } else {
                    worker.destroy();
                    worker.waitFor();
                }
            }
        }
        int duplicates = checkPrefix(out, input, inputSet, "at the end");
        assertEquals(lines, distinctLines(out), "every line arrived");
        System.out.printf("CrashRecoveryIT %s seed %d: %d kills at about output line %s; %d duplicate lines in %d%n",
                driver, seed, kills, killedAt, duplicates, TestWorker.lines(out).size());
    }

    /**
     * Checks the output's whole lines (a last one being written may lack its newline yet): each is an input
     * line, first arrivals in input order without a gap. A line that is no input line is a torn or
     * interleaved record.
     *
     * @return how many lines were repeats
     */
    private static int checkPrefix(Path out, List<String> input, Set<String> inputSet, String when) throws Exception {
        if (!Files.exists(out)) {
            return 0;
        }
        String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return 0;
        }
        Set<String> seen = new HashSet<>();
        int next = 0;
        int repeats = 0;
        int lineNumber = 0;
        for (String line : text.substring(0, end).split("\n", -1)) {
            lineNumber++;
            if (!inputSet.contains(line)) {
                fail(when + ": line " + lineNumber + " of the output is torn or foreign: '" + line + "'");
            }
            if (seen.add(line)) {
                assertEquals(input.get(next), line, when + ": line " + lineNumber + ": first arrivals in input order, none skipped");
                next++;
            } else {
                repeats++;
            }
        }
        assertTrue(next <= input.size());
        return repeats;
    }

    private static void awaitSinkRunning(int port) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest status = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/connectors/file-sink/status")).build();
        TestWorker.await("the sink task to run", Duration.ofSeconds(60), () -> TestWorker.tasksRunning(http.send(status,
                java.net.http.HttpResponse.BodyHandlers.ofString()).body()));
    }

    private static int distinctLines(Path out) throws Exception {
        return Files.exists(out) ? new HashSet<>(TestWorker.lines(out)).size() : 0;
    }
}
