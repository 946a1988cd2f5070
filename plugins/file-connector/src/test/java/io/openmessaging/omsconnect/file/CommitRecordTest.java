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
    void itsTextReadsBackAsTheSameRecord() {
        CommitRecord record = new CommitRecord(123_456_789_012L, Map.of(
            PartitionKey.of(new RecordPartition(Map.of("topic", "a b\nc"))), 41L,
            PartitionKey.of(new RecordPartition(Map.of("topic", "é=€&%"))), 0L,
            PartitionKey.NONE, -1L));

        assertEquals(record, CommitRecord.parse(record.toText()));
        assertEquals(new CommitRecord(0, Map.of()), CommitRecord.parse(new CommitRecord(0, Map.of()).toText()));
    }

    @Test
    void aDamagedTextIsRefusedNamingWhatIsWrong() {
        String whole = new CommitRecord(10, Map.of("topic=a", 3L)).toText();
        Map<String, String> damaged = Map.of(
            whole.replace("end\n", ""), "no 'end' line",
            whole.substring(0, whole.indexOf("length")) , "no 'length' line",
            whole.replace("version 1", "version 2"), "version 2",
            whole.replace("length 10", "length ten"), "'ten' is not a number",
            whole.replace("length 10", "length -10"), "negative length",
            whole.replace("end\n", "offset topic=a 4\nend\n"), "given twice",
            whole + "length 11\n", "text after 'end'",
            "length 10\nversion 1\nend\n", "no 'version' line first",
            whole.replace("offset topic=a 3", "offset topic=a 3 4"), "expected 3 words",
            "\0\0\0\0", "unknown entry");
        damaged.forEach((text, reason) -> {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CommitRecord.parse(text), text);
            assertTrue(refused.getMessage().contains(reason), refused.getMessage() + " should say " + reason);
        });
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
