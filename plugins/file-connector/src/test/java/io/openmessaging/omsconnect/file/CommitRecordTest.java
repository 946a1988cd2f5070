package io.openmessaging.omsconnect.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openmessaging.connector.api.data.RecordPartition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitRecordTest {

    @Test
    void itsLineReadsBackAsTheSameRecord() {
        CommitRecord record = new CommitRecord(123_456_789_012L, Map.of(
            PartitionKey.of(new RecordPartition(Map.of("topic", "a b\nc"))), 41L,
            PartitionKey.of(new RecordPartition(Map.of("topic", "é=€&% crc 0"))), 0L,
            PartitionKey.NONE, -1L));
        String line = record.toLine();

        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, line);
        assertEquals(record, CommitRecord.parseLine(line.substring(0, line.length() - 1)));
        CommitRecord empty = new CommitRecord(0, Map.of());
        assertEquals(empty, CommitRecord.parseLine(empty.toLine().trim()));
    }

    @Test
    void aDamagedLineIsRefusedNamingWhatIsWrong() {
        String whole = new CommitRecord(10, Map.of("topic=a", 3L)).toLine().trim();
        Map<String, String> damaged = Map.of(
            whole.replace("commit 10", "commit 11"), "wrong checksum",
            whole.substring(0, whole.length() - 3), "wrong checksum",
            whole.substring(0, whole.indexOf(" crc")), "no checksum",
            "\0\0\0\0\0\0", "no checksum",
            withCrc("commit ten"), "'ten' is not a number",
            withCrc("commit -10"), "negative length",
            withCrc("commit 10 topic=a 3 topic=a 4"), "given twice",
            withCrc("commit 10 topic=a"), "not 'commit <length>",
            withCrc("commit"), "not 'commit <length>",
            withCrc("length 10"), "not 'commit <length>");
        damaged.forEach((line, reason) -> {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CommitRecord.parseLine(line), line);
            assertTrue(refused.getMessage().contains(reason), refused.getMessage() + " should say " + reason);
        });
    }

    /** {@code text} with the checksum a writer would give it, so the parse gets past the checksum. */
    private static String withCrc(String text) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return text + " crc " + String.format("%08x", crc.getValue());
    }

    @Test
    void aPartitionKeyIsOneWordWhateverTheTopicHolds() {
        String key = PartitionKey.of(new RecordPartition(Map.of("topic", "two words\nand a line\r\t=&%ü😀")));

        assertTrue(key.matches("[A-Za-z0-9._*+%=&-]+"), key);
    }

    @Test
    void aPartitionKeyDependsOnTheEntriesNotTheirOrderOrTheMapsType() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("topic", "t");
        ordered.put("queueId", 1);
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("queueId", "1");
        reversed.put("topic", "t");

        assertEquals(PartitionKey.of(new RecordPartition(ordered)), PartitionKey.of(new RecordPartition(new HashMap<>(reversed))));
    }

    @Test
    void partitionsThatDifferGetDifferentKeys() {
        String joined = PartitionKey.of(new RecordPartition(Map.of("topic", "a&queueId=1")));
        String split = PartitionKey.of(new RecordPartition(Map.of("topic", "a", "queueId", "1")));

        assertTrue(!joined.equals(split), joined + " vs " + split);
        assertEquals(PartitionKey.NONE, PartitionKey.of(null));
        assertEquals(PartitionKey.NONE, PartitionKey.of(new RecordPartition(Map.of())));
        assertTrue(!PartitionKey.NONE.equals(PartitionKey.of(new RecordPartition(Map.of("topic", "-")))));
    }
}
