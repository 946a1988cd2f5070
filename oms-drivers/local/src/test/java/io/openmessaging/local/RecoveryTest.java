package io.openmessaging.local;

import static io.openmessaging.local.LocalDriverFixture.consumer;
import static io.openmessaging.local.LocalDriverFixture.drain;
import static io.openmessaging.local.LocalDriverFixture.numbered;
import static io.openmessaging.local.LocalDriverFixture.open;
import static io.openmessaging.local.LocalDriverFixture.sendAll;
import static io.openmessaging.local.LocalDriverFixture.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.local.store.CorruptRecordException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {

    @TempDir
    Path dir;

    private void sendNumbered(String prefix, int from, int to, String... options) {
        MessagingAccessPoint mq = open(dir, options);
        try {
            sendAll(mq.createProducer(), "q", numbered(prefix, from, to));
        } finally {
            mq.shutdown();
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("mq/default/queues/q"))) {
            return files.filter(f -> f.toString().endsWith(".seg")).sorted().toList();
        }
    }

    private List<String> readAllThenAppend(String prefix, int from, int to) {
        MessagingAccessPoint mq = open(dir);
        try {
            List<String> before = drain(consumer(mq, "g", "q"), true);
            sendAll(mq.createProducer(), "q", numbered(prefix, from, to));
            List<String> all = new ArrayList<>(before);
            all.addAll(drain(consumer(mq, "g", "q"), true));
            return all;
        } finally {
            mq.shutdown();
        }
    }

    @Test
    void halfARecordAtTheEndIsCutOffAndAppendsContinue() throws IOException {
        sendNumbered("m", 0, 100);
        Path tail = segments().get(segments().size() - 1);
        long intact = Files.size(tail);
        ByteBuffer half = ByteBuffer.allocate(8 + 20).putInt(500).putInt(12345);
        Files.write(tail, half.array(), StandardOpenOption.APPEND);

        List<String> expected = numbered("m", 0, 100);
        expected.addAll(numbered("n", 0, 10));
        assertEquals(expected, readAllThenAppend("n", 0, 10));
        assertTrue(Files.size(tail) > intact, "new records were appended after the cut");
    }

    @Test
    void garbageAtTheEndIsCutOff() throws IOException {
        sendNumbered("m", 0, 10);
        Files.write(segments().get(0), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        List<String> expected = numbered("m", 0, 10);
        expected.add("after0");
        assertEquals(expected, readAllThenAppend("after", 0, 1));
    }

    @Test
    void aLastRecordWithABadChecksumIsCutOff() throws IOException {
        sendNumbered("m", 0, 10);
        Path tail = segments().get(0);
        flipLastByte(tail);
        assertEquals(numbered("m", 0, 9), drainFresh("g"));
    }

    @Test
    void aBadChecksumInASealedSegmentIsReportedOnRead() throws IOException {
        sendNumbered("m", 0, 200, "segment.bytes=1024");
        List<Path> segments = segments();
        assertTrue(segments.size() > 3, "rolled over into " + segments.size() + " segments");
        flipLastByte(segments.get(1));

        MessagingAccessPoint mq = open(dir);
        try {
            PullConsumer consumer = consumer(mq, "g", "q");
            int delivered = 0;
            CorruptRecordException e = null;
            try {
                while (consumer.receive(timeout(100)) != null) {
                    delivered++;
                }
            } catch (CorruptRecordException thrown) {
                e = thrown;
            }
            assertTrue(e != null && e.getMessage().contains("CRC32C"), "corruption detected");
            assertTrue(delivered > 0, "records before the corrupt one were delivered");
        } finally {
            mq.shutdown();
        }
    }

    @Test
    void segmentsRollOverAndReadBackInOrderAfterReopen() throws IOException {
        sendNumbered("m", 0, 300, "segment.bytes=1024");
        assertTrue(segments().size() > 5, "rolled over into " + segments().size() + " segments");
        sendNumbered("m", 300, 400, "segment.bytes=1024");
        assertEquals(numbered("m", 0, 400), drainFresh("g"));
        for (Path segment : segments()) {
            assertTrue(Files.size(segment) <= 1024, segment + " is larger than a segment");
        }
    }

    private List<String> drainFresh(String group) {
        MessagingAccessPoint mq = open(dir);
        try {
            return drain(consumer(mq, group, "q"), true);
        } finally {
            mq.shutdown();
        }
    }

    private static void flipLastByte(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 1);
            int b = raf.read();
            raf.seek(raf.length() - 1);
            raf.write(b ^ 0xff);
        }
    }
}
