package io.openmessaging.omsconnect.file;

import static io.openmessaging.omsconnect.file.TestFiles.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openmessaging.connector.api.data.ConnectRecord;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A line in is the same line out, in order: the source's records fed straight to the sink. */
class FileRoundTripTest {

    private static final int LINES = 100_000;

    @TempDir
    Path dir;

    @Test
    void sourceToSinkGivesAnIdenticalFile() throws Exception {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        try (BufferedWriter writer = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
                // empty lines, multi-byte characters and lengths across buffer boundaries
                writer.write(i % 1000 == 0 ? "" : "line " + i + " ü€😀 " + "z".repeat(i % 97));
                writer.write('\n');
            }
        }

        FileSourceTask source = new FileSourceTask();
        source.init(new FakeSourceTaskContext());
        source.start(config("file", in.toString(), "connect-topicname", "lines"));
        FileSinkTask sink = new FileSinkTask();
        sink.start(config("file", out.toString(), "connect-topicnames", "lines"));

        int copied = 0;
        while (copied < LINES) {
            List<ConnectRecord> batch = TestFiles.pollRecords(source, 1);
            sink.put(batch);
            copied += batch.size();
        }
        sink.flush(Map.of());
        source.stop();
        sink.stop();

        assertEquals(LINES, copied);
        assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(out));
    }
}
