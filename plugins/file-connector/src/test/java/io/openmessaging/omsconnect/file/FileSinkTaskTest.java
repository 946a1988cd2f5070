package io.openmessaging.omsconnect.file;

import static io.openmessaging.omsconnect.file.TestFiles.append;
import static io.openmessaging.omsconnect.file.TestFiles.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.errors.RetriableException;
import io.openmessaging.connector.api.errors.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTaskTest {

    @TempDir
    Path dir;

    private static FileSinkTask start(Path file, String... extra) {
        FileSinkTask task = new FileSinkTask();
        List<String> keys = new ArrayList<>(List.of("file", file.toString(), "connect-topicnames", "lines"));
        keys.addAll(List.of(extra));
        task.start(config(keys.toArray(String[]::new)));
        return task;
    }

    private static List<ConnectRecord> records(Object... data) {
        RecordPartition partition = new RecordPartition(Map.of("queue", "0"));
        List<ConnectRecord> records = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            records.add(new ConnectRecord(partition, new RecordOffset(Map.of("offset", (long) i)), 0L, null, data[i]));
        }
        return records;
    }

    private static String content(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /**
     * The next run of the task, started while the previous one has not finished stopping (a worker frozen
     * mid-call and thawed after the task moved): it waits for the output, then recovers from what the
     * previous one committed last, and nothing of that is cut or overwritten.
     */
    @Test
    void aSecondWriterOfTheFileWaitsUntilTheFirstHasStopped() throws Exception {
        Path file = dir.resolve("out.txt");
        FileSinkTask first = start(file);
        first.put(records("a", "b"));
        FileSinkTask second = start(file);
        assertThrows(RetriableException.class, () -> second.put(records("c")), "the file is the first one's");
        second.flush(Map.of()); // nothing was taken: nothing to commit
        first.put(records("late"));
        first.stop(); // commits everything it wrote, then lets the file go

        second.put(records("c"));
        second.stop();
        assertEquals("a\nb\nlate\nc\n", content(file));
    }

    @Test
    void writesEachRecordAsOneLineInOrder() throws Exception {
        Path file = dir.resolve("out.txt");
        FileSinkTask task = start(file);
        task.put(records("first", "hé".getBytes(StandardCharsets.UTF_8), null, 42,
            ByteBuffer.wrap("buffer".getBytes(StandardCharsets.UTF_8)), ""));
        task.put(records("second put"));
        task.stop();

        assertEquals("first\nhé\n\n42\nbuffer\n\nsecond put\n", content(file));
    }

    @Test
    void flushWritesTheBufferedLinesOut() throws Exception {
        Path file = dir.resolve("out.txt");
        FileSinkTask task = start(file, "fsync", "true");
        task.put(records("a", "b"));
        task.flush(Map.of());
        assertEquals("a\nb\n", content(file));

        task.put(records("c"));
        task.preCommit(Map.of());
        assertEquals("a\nb\nc\n", content(file));
        task.stop();
    }

    @Test
    void appendsToAnExistingFileAndCreatesMissingFolders() throws Exception {
        Path existing = dir.resolve("out.txt");
        append(existing, "kept\n");
        FileSinkTask task = start(existing);
        task.put(records("added"));
        task.stop();
        assertEquals("kept\nadded\n", content(existing));

        Path nested = dir.resolve("a/b/out.txt");
        FileSinkTask nestedTask = start(nested);
        nestedTask.put(records("deep"));
        nestedTask.stop();
        assertEquals("deep\n", content(nested));
    }

    @Test
    void writesLinesLargerThanTheWriteBuffer() throws Exception {
        Path file = dir.resolve("out.txt");
        String large = "y".repeat(600 * 1024);
        FileSinkTask task = start(file);
        task.put(records("small", large, "after"));
        task.stop();

        assertEquals("small\n" + large + "\nafter\n", content(file));
    }

    @Test
    void refusesRecordsAfterStop() {
        FileSinkTask task = start(dir.resolve("out.txt"));
        task.stop();

        assertThrows(ConnectException.class, () -> task.put(records("late")));
    }
}
