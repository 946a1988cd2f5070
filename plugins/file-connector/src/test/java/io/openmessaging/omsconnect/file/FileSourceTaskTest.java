package io.openmessaging.omsconnect.file;

import static io.openmessaging.omsconnect.file.TestFiles.append;
import static io.openmessaging.omsconnect.file.TestFiles.config;
import static io.openmessaging.omsconnect.file.TestFiles.lines;
import static io.openmessaging.omsconnect.file.TestFiles.pollRecords;
import static io.openmessaging.omsconnect.file.TestFiles.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.FieldType;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTaskTest {

    @TempDir
    Path dir;

    private final FakeSourceTaskContext context = new FakeSourceTaskContext();
    private FileSourceTask task;

    @AfterEach
    void stopTask() {
        if (task != null) {
            task.stop();
        }
    }

    private FileSourceTask start(Path file, String... extra) {
        task = new FileSourceTask();
        task.init(context);
        String[] keys = new String[extra.length + 4];
        keys[0] = "file";
        keys[1] = file.toString();
        keys[2] = "connect-topicname";
        keys[3] = "lines";
        System.arraycopy(extra, 0, keys, 4, extra.length);
        task.start(config(keys));
        return task;
    }

    private RecordPartition partitionOf(Path file) {
        return new RecordPartition(Map.of("file", file.toAbsolutePath().normalize().toString()));
    }

    @Test
    void readsLinesWithByteOffsetsAfterEachLine() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "a\r\nhé\n\nlast\n");
        List<ConnectRecord> records = pollRecords(start(file), 4);

        assertEquals(List.of("a", "hé", "", "last"), lines(records));
        // "hé" is 3 bytes in UTF-8: offsets count bytes, not chars
        assertEquals(List.of(3L, 7L, 8L, 13L), records.stream().map(TestFiles::position).toList());
        ConnectRecord first = records.get(0);
        assertEquals(partitionOf(file), first.getPosition().getPartition());
        assertEquals(FieldType.STRING, first.getSchema().getFieldType());
        assertEquals("lines", first.getExtension(FileSourceTask.TOPIC_EXTENSION));
        assertTrue(first.getTimestamp() > 0);
    }

    @Test
    void resumesAtTheCommittedPosition() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "one\ntwo\nthree\n");
        context.commit(partitionOf(file), new RecordOffset(Map.of("position", 4L)));

        assertEquals(List.of("two", "three"), lines(pollRecords(start(file), 2)));
    }

    @Test
    void acceptsACommittedPositionThatCameBackAsTextOrInteger() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "one\ntwo\nthree\n");
        context.commit(partitionOf(file), new RecordOffset(Map.of("position", "8")));
        assertEquals(List.of("three"), lines(pollRecords(start(file), 1)));
        task.stop();

        context.commit(partitionOf(file), new RecordOffset(Map.of("position", 4)));
        assertEquals(List.of("two", "three"), lines(pollRecords(start(file), 2)));
    }

    @Test
    void restartsAtZeroWhenTheFileIsShorterThanTheCommittedPosition() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "new\n");
        context.commit(partitionOf(file), new RecordOffset(Map.of("position", 1000L)));

        assertEquals(List.of("new"), lines(pollRecords(start(file), 1)));
    }

    @Test
    void picksUpAppendedLines() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "first\n");
        start(file);
        assertEquals(List.of("first"), lines(pollRecords(task, 1)));
        assertTrue(task.poll().isEmpty(), "nothing new yet");

        append(file, "second\nthird\n");
        List<ConnectRecord> records = pollRecords(task, 2);
        assertEquals(List.of("second", "third"), lines(records));
        assertEquals(19L, position(records.get(1)));
    }

    @Test
    void holdsAHalfWrittenLineUntilItsNewlineArrives() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "whole\nhal");
        start(file);
        assertEquals(List.of("whole"), lines(pollRecords(task, 1)));
        assertTrue(task.poll().isEmpty(), "a line without its newline is not emitted");

        append(file, "f line\r");
        assertTrue(task.poll().isEmpty(), "a carriage return alone does not end the line");
        append(file, "\nnext\n");
        List<ConnectRecord> records = pollRecords(task, 2);
        assertEquals(List.of("half line", "next"), lines(records));
        assertEquals(Files.size(file), position(records.get(1)));
    }

    @Test
    void readsAgainFromTheStartWhenTheFileIsTruncated() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "old line one\nold line two\n");
        start(file);
        assertEquals(2, pollRecords(task, 2).size());

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        assertTrue(task.poll().isEmpty());
        append(file, "fresh\n");
        List<ConnectRecord> records = pollRecords(task, 1);
        assertEquals(List.of("fresh"), lines(records));
        assertEquals(6L, position(records.get(0)));
    }

    @Test
    void readsTheNewFileWhenTheFileIsRotated() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "before rotation, a long line\n");
        start(file);
        assertEquals(1, pollRecords(task, 1).size());

        Files.move(file, dir.resolve("in.txt.1"));
        append(file, "after rotation, a longer line than before\n");
        assertEquals(List.of("after rotation, a longer line than before"), lines(pollRecords(task, 1)));
    }

    @Test
    void waitsForAFileThatDoesNotExistYet() throws Exception {
        Path file = dir.resolve("later.txt");
        start(file);
        assertTrue(task.poll().isEmpty());

        append(file, "here now\n");
        assertEquals(List.of("here now"), lines(pollRecords(task, 1)));
    }

    @Test
    void returnsAtMostBatchSizeLinesPerPoll() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "1\n2\n3\n4\n5\n");
        start(file, "batch-size", "2");

        assertEquals(List.of("1", "2"), lines(task.poll()));
        assertEquals(List.of("3", "4"), lines(task.poll()));
        assertEquals(List.of("5"), lines(task.poll()));
    }

    @Test
    void readsALineLongerThanTheReadBuffer() throws Exception {
        Path file = dir.resolve("in.txt");
        String longLine = "x".repeat(3 * 1024 * 1024 + 7);
        Files.write(file, (longLine + "\nshort\n").getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(longLine, "short"), lines(pollRecords(start(file), 2)));
    }

    @Test
    void aStoppedTaskPollsNothing() throws Exception {
        Path file = dir.resolve("in.txt");
        append(file, "line\n");
        start(file).stop();

        assertTrue(task.poll().isEmpty());
    }
}
