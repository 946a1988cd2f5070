package io.openmessaging.kafka.consumer;

import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SeekRequestTest {

    @Test
    void noQueueOffsetIsNoSeek() {
        assertNull(SeekRequest.from(null));
        assertNull(SeekRequest.from(new DefaultKeyValue().put("QUEUE_ID", "1")));
    }

    @Test
    void theOffsetAloneMeansTheTopicsOnlyPartition() {
        assertEquals(new SeekRequest(SeekRequest.ONLY_PARTITION, 42), SeekRequest.from(new DefaultKeyValue().put("QUEUE_OFFSET", 42L)));
    }

    @Test
    void theQueueIdIsThePartitionAsReceivedMessagesGiveIt() {
        assertEquals(new SeekRequest(2, 0), SeekRequest.from(new DefaultKeyValue().put("QUEUE_OFFSET", "0").put("QUEUE_ID", "2")));
        assertEquals(new SeekRequest(2, 5), SeekRequest.from(new DefaultKeyValue().put("QUEUE_OFFSET", 5).put("QUEUE_ID", 2)));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(OMSRuntimeException.class, () -> SeekRequest.from(new DefaultKeyValue().put("QUEUE_OFFSET", "soon")));
        assertThrows(OMSRuntimeException.class, () -> SeekRequest.from(new DefaultKeyValue().put("QUEUE_OFFSET", -1)));
        assertThrows(OMSRuntimeException.class, () -> SeekRequest.from(new DefaultKeyValue().put("QUEUE_OFFSET", 1).put("QUEUE_ID", "x")));
        assertThrows(OMSRuntimeException.class, () -> SeekRequest.from(new DefaultKeyValue().put("QUEUE_OFFSET", 1).put("QUEUE_ID", -3)));
    }
}
