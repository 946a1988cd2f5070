package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.internal.DefaultKeyValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** What the file connector tests share: configs, appending to a file, polling a number of records. */
final class TestFiles {

    /** Bounds a poll loop (each poll waits at most ~100 ms when idle): a failing test ends, never hangs. */
    private static final int MAX_IDLE_POLLS = 100;

    private TestFiles() {
    }

    static KeyValue config(String... keysAndValues) {
        KeyValue config = new DefaultKeyValue();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    static void append(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Polls until {@code count} records came, or fails after many polls with none. */
    static List<ConnectRecord> pollRecords(FileSourceTask task, int count) throws InterruptedException {
        List<ConnectRecord> records = new ArrayList<>();
        int idle = 0;
        while (records.size() < count) {
            List<ConnectRecord> batch = task.poll();
            if (batch == null || batch.isEmpty()) {
                if (++idle > MAX_IDLE_POLLS) {
                    throw new AssertionError("expected " + count + " records, got " + records.size());
                }
            } else {
                idle = 0;
                records.addAll(batch);
            }
        }
        return records;
    }

    static List<String> lines(List<ConnectRecord> records) {
        return records.stream().map(record -> (String) record.getData()).toList();
    }

    static long position(ConnectRecord record) {
        return (Long) record.getPosition().getOffset().getOffset().get(FileSourceTask.OFFSET_POSITION);
    }
}
