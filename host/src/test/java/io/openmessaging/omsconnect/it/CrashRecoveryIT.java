package io.openmessaging.omsconnect.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of a worker in the middle of a pipeline, then a restart: every line arrives, in order
 * of first arrival; lines after the last commit may come twice, none is lost.
 */
class CrashRecoveryIT {
    private static final int LINES = 200_000;

    @TempDir
    Path dir;

    @Test
    void killDashNineLosesNoLine() throws Exception {
        ChildWorker.Config config = ChildWorker.configure(dir, "crash-worker", 100, "file-connector", "oms-driver-local");
        Path conf = config.file();
        int port = config.port();
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        List<String> input = FilePipelineIT.numbered(0, LINES);
        FilePipelineIT.append(in, input.subList(0, LINES / 2));

        Process worker = ChildWorker.start(conf, dir.resolve("worker-1.log"));
        try {
            ChildWorker.awaitUp(port);
            ChildWorker.createConnector(port, FilePipelineIT.connector("file-source", Map.of("connector-class", FilePipelineIT.SOURCE,
                    "file", in.toString(), "connect-topicname", "crash")));
            ChildWorker.createConnector(port, FilePipelineIT.connector("file-sink", Map.of("connector-class", FilePipelineIT.SINK,
                    "file", out.toString(), "connect-topicnames", "crash")));
            FilePipelineIT.append(in, input.subList(LINES / 2, LINES));
            TestWorker.await("the pipeline to be mid-way", Duration.ofSeconds(60),
                    () -> Files.exists(out) && Files.size(out) > 10L * 50);
        } finally {
            worker.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        }
        int linesAtKill = TestWorker.lines(out).size();
        assertTrue(linesAtKill < LINES, "the kill must happen mid-way (had " + linesAtKill + " lines already)");

        Process again = ChildWorker.start(conf, dir.resolve("worker-2.log"));
        try {
            ChildWorker.awaitUp(port);
            TestWorker.await("every line after the restart", Duration.ofSeconds(120),
                    () -> new HashSet<>(TestWorker.lines(out)).size() >= LINES);
        } finally {
            again.destroy();
            again.waitFor();
        }
        List<String> output = TestWorker.lines(out);
        Set<String> seen = new HashSet<>();
        int expectedNext = 0;
        for (String line : output) {
            if (seen.add(line)) {
                assertEquals(input.get(expectedNext), line, "first arrivals must be in input order");
                expectedNext++;
            }
        }
        assertEquals(LINES, expectedNext, "no line lost");
    }
}
