package io.openmessaging.omsconnect.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineReaderTest {
    @TempDir
    Path dir;

    @Test
    void everyLineLengthAndNewlinePositionComesBackWhole() throws Exception {
        // lengths 0..40 put newlines at every offset within and across the 8-byte words the scan reads
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int length = 0; length <= 40; length++) {
            String line = "é".repeat(length % 3) + "x".repeat(length);
            expected.add(line);
            text.append(line).append(length % 5 == 0 ? "\r\n" : "\n");
        }
        text.append("partial line with no newline");
        Path file = Files.writeString(dir.resolve("in.txt"), text, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        try (LineReader reader = LineReader.open(file)) {
            while (reader.readLines(7, (line, next) -> lines.add(line)) > 0) {
                // small batches: lines are cut across reads of the buffer too
            }
            assertEquals(expected, lines);
            long partial = "partial line with no newline".getBytes(StandardCharsets.UTF_8).length;
            assertEquals(Files.size(file) - partial, reader.position(), "the partial line is held back");
        }
    }
}
