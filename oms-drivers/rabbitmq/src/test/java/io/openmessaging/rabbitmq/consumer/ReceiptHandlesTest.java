package io.openmessaging.rabbitmq.consumer;

import io.openmessaging.exception.OMSRuntimeException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReceiptHandlesTest {

    @Test
    void aHandleSettlesOnceToItsDeliveryTag() {
        ReceiptHandles handles = new ReceiptHandles();
        String handle = handles.issue(7);
        assertEquals(7, handles.settle(handle));
        assertThrows(OMSRuntimeException.class, () -> handles.settle(handle));
    }

    @Test
    void unknownAndMalformedHandlesAreRefused() {
        ReceiptHandles handles = new ReceiptHandles();
        handles.issue(1);
        assertThrows(OMSRuntimeException.class, () -> handles.settle("0-2"));
        assertThrows(OMSRuntimeException.class, () -> handles.settle("x"));
        assertThrows(OMSRuntimeException.class, () -> handles.settle(null));
    }

    @Test
    void handlesFromALostChannelAreStaleNotErrors() {
        ReceiptHandles handles = new ReceiptHandles();
        String before = handles.issue(1);
        handles.channelLost();
        assertEquals(-1, handles.settle(before));
        String after = handles.issue(1);
        assertEquals(1, handles.settle(after));
    }
}
