package io.openmessaging.omsconnect.file;

import static io.openmessaging.omsconnect.file.TestFiles.append;
import static io.openmessaging.omsconnect.file.TestFiles.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.errors.ConnectException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes without a process: a task dropped with {@code simulateProcessDeath()} is a {@code kill -9}
 * (what it buffered is lost, the OS lets go of its files and lock), bytes appended to the file directly are what it had written out
 * after its last commit, maybe half a line; a new task on the same file is the restart, and the
 * records put into it are the queue's redelivery of everything not acknowledged.
 */
class FileSinkCrashRecoveryTest {

    @TempDir
    Path dir;

    private Path out() {
        return dir.resolve("out.txt");
    }

    private Path commitLog() {
        return dir.resolve(".out.txt.commit");
    }

    private FileSinkTask start(String... extra) {
        FileSinkTask task = new FileSinkTask();
        List<String> keys = new ArrayList<>(List.of("file", out().toString(), "connect-topicnames", "lines"));
        keys.addAll(List.of(extra));
        task.start(config(keys.toArray(String[]::new)));
        return task;
    }

    /** Records of one partition, as the worker makes them: one partition instance, messageId and queueOffset. */
    private static List<ConnectRecord> records(RecordPartition partition, int from, int to) {
        List<ConnectRecord> records = new ArrayList<>();
        for (int q = from; q <= to; q++) {
            records.add(record(partition, line(partition, q), Map.of("messageId", "m" + q, "queueOffset", (long) q)));
        }
        return records;
    }

    private static ConnectRecord record(RecordPartition partition, String data, Map<String, ?> offset) {
        return new ConnectRecord(partition, new RecordOffset(offset), 0L, null, data);
    }

    private static RecordPartition topic(String name) {
        return new RecordPartition(Map.of("topic", name));
    }

    private static String line(RecordPartition partition, int q) {
        return partition.getPartition().get("topic") + "-" + q;
    }

    private static String lines(RecordPartition partition, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int q = from; q <= to; q++) {
            text.append(line(partition, q)).append('\n');
        }
        return text.toString();
    }

    private String content() throws IOException {
        return Files.readString(out(), StandardCharsets.UTF_8);
    }

    private CommitRecord committed() throws IOException {
        return new CommitLog(out(), false).read().orElseThrow();
    }

    @Test
    void aRestartCutsTheTornTailAndWritesEachRecordOnce() throws Exception {
        RecordPartition lines = topic("lines");
        FileSinkTask crashed = start();
        crashed.put(records(lines, 0, 4));
        crashed.flush(Map.of());
        assertEquals(new CommitRecord(content().length(), Map.of("topic=lines", 4L)), committed());
        crashed.put(records(lines, 5, 7)); // buffered, lost with the process
        append(out(), "lines-5\nlines-6\nlin"); // what it had written out: a line and a half

        crashed.simulateProcessDeath();
        FileSinkTask restarted = start();
        assertEquals(lines(lines, 0, 4), content(), "cut back to the commit");
        // not acked before the crash: the queue delivers 3..7 again, then the new 8..9
        restarted.put(records(lines, 3, 7));
        restarted.put(records(lines, 8, 9));
        restarted.flush(Map.of());
        restarted.stop();

        assertEquals(lines(lines, 0, 9), content());
        assertEquals(9L, committed().offsets().get("topic=lines"));
        assertEquals(content().length(), committed().length());
    }

    @Test
    void aFileCommittedByAnEarlierWorkerKeepsItsPositionUnderTheNewPartitionShape() throws Exception {
        // earlier workers gave a sink record the partition {topic}; now {topic, brokerName, queueId}, values as text
        RecordPartition old = topic("lines");
        FileSinkTask earlier = start();
        earlier.put(records(old, 0, 4));
        earlier.flush(Map.of());
        earlier.simulateProcessDeath(); // crash before the ack: the upgraded worker gets 3..4 again

        RecordPartition shaped = new RecordPartition(Map.of("topic", "lines", "brokerName", "local", "queueId", "0"));
        FileSinkTask upgraded = start();
        List<ConnectRecord> redelivered = new ArrayList<>();
        for (int q = 3; q <= 6; q++) {
            redelivered.add(record(shaped, "lines-" + q, Map.of("messageId", "m" + q, "queueOffset", Integer.toString(q))));
        }
        upgraded.put(redelivered);
        upgraded.flush(Map.of());
        upgraded.stop();

        assertEquals(lines(old, 0, 6), content(), "3 and 4 were in the file already: skipped, not written twice");
        assertEquals(Map.of("brokerName=local&queueId=0&topic=lines", 6L), committed().offsets(),
            "the position moved to the new key");
    }

    @Test
    void theWorkersOffsetMapIsReadByItsNumber() throws Exception {
        // the worker gives SinkRecordOffset maps (text when read as a map); the sink reads the number itself
        RecordPartition lines = topic("lines");
        FileSinkTask task = start();
        List<ConnectRecord> batch = new ArrayList<>();
        for (int q : new int[] {0, 1, 2, 1, 2, 3}) { // 1 and 2 redelivered
            batch.add(record(lines, line(lines, q), io.openmessaging.omsconnect.api.SinkRecordOffset.of(q, "m" + q)));
        }
        task.put(batch);
        task.flush(Map.of());
        task.stop();
        assertEquals(lines(lines, 0, 3), content());
        assertEquals(3L, committed().offsets().get("topic=lines"));
    }

    @Test
    void recordsWithoutQueueOffsetComeAgainAsWholeLines() throws Exception {
        RecordPartition rocket = topic("rocket");
        List<ConnectRecord> batch = new ArrayList<>();
        for (String data : List.of("a", "b", "c")) {
            batch.add(record(rocket, data, Map.of("messageId", "id-" + data)));
        }
        FileSinkTask crashed = start();
        crashed.put(batch.subList(0, 2));
        crashed.flush(Map.of()); // crash before the ack: a and b come again
        crashed.put(batch.subList(2, 3));
        append(out(), "c\n"); // written out, never committed

        crashed.simulateProcessDeath();
        FileSinkTask restarted = start();
        restarted.put(batch);
        restarted.stop();

        // at-least-once: duplicates since the last commit, each a whole line
        assertEquals("a\nb\na\nb\nc\n", content());
        assertTrue(committed().offsets().isEmpty());
    }

    @Test
    void aRecordAtOrBeforeThePartitionsLastOneIsSkippedInOneSessionToo() throws Exception {
        RecordPartition lines = topic("lines");
        FileSinkTask task = start();
        task.put(records(lines, 0, 5));
        task.put(records(lines, 3, 7)); // the worker went back
        task.put(records(lines, 2, 2));
        task.stop();

        assertEquals(lines(lines, 0, 7), content());
    }

    @Test
    void queueOffsetsGivenAsStringsIntegersOrWholeDecimalsAreCompared() throws Exception {
        RecordPartition lines = topic("lines");
        FileSinkTask task = start();
        task.put(List.of(
            record(lines, "lines-0", Map.of("queueOffset", 0)),
            record(lines, "lines-1", Map.of("queueOffset", "1")),
            record(lines, "lines-2", Map.of("queueOffset", 2.0d)),
            record(lines, "again-1", Map.of("queueOffset", " 1 ")),
            record(lines, "again-2", Map.of("queueOffset", new BigDecimal("2"))),
            record(lines, "unreadable", Map.of("queueOffset", "next")),
            record(lines, "lines-3", Map.of("queueOffset", 3L))));
        task.stop();

        assertEquals("lines-0\nlines-1\nlines-2\nunreadable\nlines-3\n", content());
    }

    @Test
    void anExistingFileWithoutCommitRecordIsTakenAsCommittedBeforeAnyLineIsWritten() throws Exception {
        append(out(), "from an older version\nhalf a li");
        long size = Files.size(out());

        FileSinkTask crashed = start();
        assertEquals(new CommitRecord(size, Map.of()), committed(), "written on start");
        crashed.put(records(topic("lines"), 0, 1));
        append(out(), "lines-0\nli"); // the crash's torn tail

        crashed.simulateProcessDeath();
        FileSinkTask restarted = start();
        assertEquals("from an older version\nhalf a li", content());
        restarted.stop();
    }

    @Test
    void anEmptyFolderGetsTheFileAndItsCommitRecord() throws Exception {
        FileSinkTask task = start();
        assertEquals("", content());
        assertEquals(new CommitRecord(0, Map.of()), committed());
        task.stop();
        assertFalse(Files.exists(dir.resolve(".out.txt.commit.tmp")), "no temporary file left");
    }

    @Test
    void aFileShorterThanItsCommitIsAppendedToWithAWarning() throws Exception {
        RecordPartition lines = topic("lines");
        FileSinkTask first = start();
        first.put(records(lines, 0, 4));
        first.stop();
        Files.write(out(), "rotated\n".getBytes(StandardCharsets.UTF_8)); // replaced by a shorter file

        FileSinkTask restarted = start();
        assertEquals(new CommitRecord(8, Map.of("topic=lines", 4L)), committed(), "its length taken as committed");
        restarted.put(records(lines, 3, 6)); // 3 and 4 went to the rotated file
        restarted.stop();

        assertEquals("rotated\n" + lines(lines, 5, 6), content());
    }

    @Test
    void stopCommitsWhatItWroteSoRedeliveredRecordsAreNotDuplicated() throws Exception {
        RecordPartition lines = topic("lines");
        FileSinkTask stopped = start();
        stopped.put(records(lines, 0, 2));
        stopped.stop(); // no preCommit, so no ack: the queue delivers 0..2 again

        FileSinkTask restarted = start();
        restarted.put(records(lines, 0, 3));
        restarted.stop();

        assertEquals(lines(lines, 0, 3), content());
    }

    @Test
    void partitionsAreTrackedIndependently() throws Exception {
        RecordPartition a = topic("a");
        RecordPartition b = new RecordPartition(Map.of("topic", "b", "brokerName", "broker-1", "queueId", 0));
        FileSinkTask crashed = start();
        crashed.put(records(a, 0, 9));
        crashed.put(records(b, 0, 4));
        crashed.flush(Map.of());
        crashed.put(records(a, 10, 10));
        append(out(), "a-1");

        crashed.simulateProcessDeath();
        FileSinkTask restarted = start();
        // the same partitions as new instances, their records interleaved
        RecordPartition a2 = topic("a");
        RecordPartition b2 = new RecordPartition(new HashMap<>(Map.of("queueId", 0, "topic", "b", "brokerName", "broker-1")));
        List<ConnectRecord> redelivered = new ArrayList<>();
        for (int q = 3; q <= 12; q++) {
            redelivered.addAll(records(a2, q, q));
            if (q - 3 <= 7) {
                redelivered.addAll(records(b2, q - 3, q - 3));
            }
        }
        restarted.put(redelivered);
        restarted.stop();

        String expected = lines(a, 0, 9) + lines(b, 0, 4) + "b-5\nb-6\na-10\nb-7\na-11\na-12\n";
        assertEquals(expected, content());
        assertEquals(Map.of("topic=a", 12L, "brokerName=broker-1&queueId=0&topic=b", 7L), committed().offsets());
    }

    @Test
    void partitionKeysWithAnyCharactersSurviveTheCommitRecord() throws Exception {
        List<String> topics = List.of("with space", "two\nlines", "a=b&c=d", "ünï€ødé 😀", "%41", "offset x 5\nend", "");
        FileSinkTask first = start();
        for (String name : topics) {
            first.put(records(topic(name), 0, 2));
        }
        first.stop();
        assertEquals(topics.size(), committed().offsets().size());
        String written = content();

        FileSinkTask restarted = start();
        for (String name : topics) {
            restarted.put(records(topic(name), 1, 3));
        }
        restarted.stop();

        StringBuilder expected = new StringBuilder(written);
        topics.forEach(name -> expected.append(name).append("-3\n"));
        assertEquals(expected.toString(), content());
    }

    @Test
    void withFsyncTheSameHolds() throws Exception {
        RecordPartition lines = topic("lines");
        FileSinkTask crashed = start("fsync", "true");
        crashed.put(records(lines, 0, 99));
        crashed.flush(Map.of());
        crashed.put(records(lines, 100, 120));
        append(out(), "lines-100\nlines-1");

        crashed.simulateProcessDeath();
        FileSinkTask restarted = start("fsync", "true");
        assertEquals(lines(lines, 0, 99), content());
        restarted.put(records(lines, 50, 150));
        restarted.flush(Map.of());
        restarted.stop();

        assertEquals(lines(lines, 0, 150), content());
        assertEquals(150L, committed().offsets().get("topic=lines"));
        assertFalse(Files.exists(dir.resolve(".out.txt.commit.tmp")));
    }

    @Test
    void linesLargerThanTheBufferAreCutWholeToo() throws Exception {
        // the buffer drains before a commit when it fills: bytes written out but not committed
        RecordPartition lines = topic("lines");
        String large = "y".repeat(300 * 1024);
        FileSinkTask crashed = start();
        crashed.put(records(lines, 0, 0));
        crashed.flush(Map.of());
        crashed.put(List.of(record(lines, large, Map.of("queueOffset", 1L)), record(lines, large, Map.of("queueOffset", 2L))));
        assertTrue(Files.size(out()) > "lines-0\n".length(), "some of it written out before any commit");

        crashed.simulateProcessDeath();
        FileSinkTask restarted = start();
        assertEquals("lines-0\n", content());
        restarted.stop();
    }

    @Test
    void aCommitCutShortByACrashIsNotACommit() throws Exception {
        RecordPartition lines = topic("lines");
        FileSinkTask crashed = start();
        crashed.put(records(lines, 0, 1));
        crashed.flush(Map.of());
        crashed.put(records(lines, 2, 3));
        crashed.flush(Map.of()); // the process dies in the append of this commit: the worker never acked 2..3
        String log = Files.readString(commitLog());
        Files.writeString(commitLog(), log.substring(0, log.length() - 5));

        crashed.simulateProcessDeath();
        FileSinkTask restarted = start();
        assertEquals(lines(lines, 0, 1), content());
        restarted.put(records(lines, 2, 3));
        restarted.stop();
        assertEquals(lines(lines, 0, 3), content());
    }

    @Test
    void aGarbledLastCommitIsIgnoredAGarbledEarlierOneStopsTheStartNamingTheLog() throws Exception {
        RecordPartition lines = topic("lines");
        FileSinkTask first = start();
        first.put(records(lines, 0, 1));
        first.flush(Map.of());
        first.put(records(lines, 2, 3));
        first.flush(Map.of());
        first.stop();
        String log = Files.readString(commitLog());
        String[] entries = log.split("\n");
        assertEquals(List.of(CommitLog.VERSION_LINE, "commit 0 "), List.of(entries[0], entries[1].substring(0, 9)));

        // a power loss with fsync=false: the last line's blocks never written, or holding other bytes
        byte[] garbled = log.getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(garbled, garbled.length - 10, garbled.length - 1, (byte) 0xff);
        Files.write(commitLog(), garbled);
        assertEquals(16, committed().length());
        Files.writeString(commitLog(), log.substring(0, log.length() - 10) + "\0".repeat(9) + "\n");
        start().stop();
        assertEquals(lines(lines, 0, 1), content());

        FileSinkTask again = start();
        again.put(records(lines, 2, 3));
        again.flush(Map.of());
        again.put(records(lines, 4, 4));
        again.flush(Map.of());
        String threeCommits = Files.readString(commitLog());
        again.simulateProcessDeath();
        Files.writeString(commitLog(), threeCommits.replaceFirst("commit 32", "commit 33"));
        ConnectException refused = assertThrows(ConnectException.class, this::start);
        assertTrue(refused.getMessage().contains(commitLog().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("line 3: wrong checksum"), refused.getMessage());

        Files.writeString(commitLog(), "version 1\nlength 12\n"); // not a log at all
        assertThrows(ConnectException.class, this::start);
    }

    @Test
    void aRepeatedFlushWithNothingNewAppendsNoCommit() throws Exception {
        FileSinkTask task = start();
        task.put(records(topic("lines"), 0, 0));
        task.flush(Map.of());
        long size = Files.size(commitLog());
        task.flush(Map.of());
        task.preCommit(Map.of());
        assertEquals(size, Files.size(commitLog()));
        task.put(records(topic("lines"), 0, 0)); // skipped: still nothing new
        task.flush(Map.of());
        task.stop();

        assertEquals(size, Files.size(commitLog()));
    }

    @Test
    void theLogIsRewrittenToItsLastCommitWhenItGrowsAndOnStart() throws Exception {
        RecordPartition lines = topic("lines");
        FileSinkTask task = start();
        int q = 0;
        long largest = 0;
        long lineBytes = new CommitRecord(Long.MAX_VALUE, Map.of("topic=lines", Long.MAX_VALUE)).toLine().length();
        for (; q < 2 * CommitLog.COMPACT_AT / lineBytes + 100; q++) {
            task.put(records(lines, q, q));
            task.flush(Map.of());
            largest = Math.max(largest, Files.size(commitLog()));
        }
        assertTrue(largest < CommitLog.COMPACT_AT + lineBytes, "rewritten at " + largest + " bytes");
        assertTrue(Files.size(commitLog()) < CommitLog.COMPACT_AT / 2, "rewritten at least twice");
        task.stop();
        assertEquals(new CommitRecord(Files.size(out()), Map.of("topic=lines", (long) q - 1)), committed());

        start().stop();
        assertEquals(2, Files.readAllLines(commitLog()).size(), "the version and the last commit");
    }

    @Test
    void aFailedCommitRefusesFurtherWritesUntilARestartCutsThemOff() throws Exception {
        RecordPartition lines = topic("lines");
        FileSinkTask failing = start();
        failing.put(records(lines, 0, 1));
        failing.flush(Map.of());
        Files.createDirectory(dir.resolve(".out.txt.commit.tmp")); // the log cannot be rewritten: its next rewrite fails
        int q = 2;
        ConnectException flushFailed = null;
        while (flushFailed == null && q < 100_000) {
            failing.put(records(lines, q, q));
            q++;
            try {
                failing.flush(Map.of());
            } catch (ConnectException e) {
                flushFailed = e;
            }
        }
        assertTrue(flushFailed != null && flushFailed.getMessage().contains("commit log"), String.valueOf(flushFailed));
        long committedLength = committed().length();
        ConnectException refused = assertThrows(ConnectException.class, () -> failing.put(records(lines, 100_000, 100_000)));
        assertTrue(refused.getMessage().contains("restart"), refused.getMessage());
        failing.stop(); // does not commit what the failed flush wrote
        assertEquals(committedLength, committed().length());
        assertTrue(Files.size(out()) > committedLength);

        Files.delete(dir.resolve(".out.txt.commit.tmp"));
        FileSinkTask restarted = start();
        assertEquals(lines(lines, 0, q - 2), content(), "the last line, not acked, cut");
        restarted.put(records(lines, q - 1, q + 1)); // not acked: it comes again
        restarted.stop();
        assertEquals(lines(lines, 0, q + 1), content());
    }

    @Test
    void fiveHundredCrashesAtRandomPointsLeaveEachLineOnce() throws Exception {
        Random random = new Random(42);
        RecordPartition lines = topic("lines");
        int acked = -1; // the queue's committed position: redelivery starts after it
        int next = 0;
        for (int round = 0; round < 500; round++) {
            FileSinkTask task = start();
            int delivered = acked;
            int batches = 1 + random.nextInt(3);
            for (int b = 0; b < batches; b++) {
                int to = delivered + 1 + random.nextInt(20);
                task.put(records(lines, delivered + 1, to));
                delivered = to;
                if (random.nextBoolean()) {
                    task.flush(Map.of());
                    if (random.nextBoolean()) {
                        acked = delivered; // the ack came through
                    }
                }
            }
            next = Math.max(next, delivered + 1);
            // the crash: part of the unflushed buffer may have been written out, cut anywhere
            task.simulateProcessDeath();
            String tail = lines(lines, delivered + 1, delivered + 3);
            append(out(), tail.substring(0, random.nextInt(tail.length())));
        }
        FileSinkTask last = start();
        last.put(records(lines, acked + 1, next));
        last.stop();

        assertEquals(lines(lines, 0, next), content());
    }
}
