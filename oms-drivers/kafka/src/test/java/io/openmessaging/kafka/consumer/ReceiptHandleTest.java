package io.openmessaging.kafka.consumer;

import io.openmessaging.exception.OMSRuntimeException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReceiptHandleTest {

    @Test
    void aHandleReadsBackAsItWasIssued() {
        String handle = ReceiptHandle.format(12, "orders.eu-west_1", 3, 9_876_543_210L);
        assertEquals("12:3:9876543210:orders.eu-west_1", handle);
        assertEquals(new ReceiptHandle(12, new TopicPartition("orders.eu-west_1", 3), 9_876_543_210L), ReceiptHandle.parse(handle));
    }

    @Test
    void anythingElseIsRefusedWithTheHandleNamed() {
        for (String bad : new String[] {"garbage", "1:2:3", "1:2:3:", "a:2:3:t", "1:x:3:t", "1:2:y:t", ""}) {
            OMSRuntimeException error = assertThrows(OMSRuntimeException.class, () -> ReceiptHandle.parse(bad), bad);
            assertEquals("Not a receipt handle of the Kafka driver: '" + bad + "'", error.getMessage());
        }
        assertThrows(OMSRuntimeException.class, () -> ReceiptHandle.parse(null));
    }
}
