package io.openmessaging.omsconnect.driversupport.lifecycle;

import io.openmessaging.exception.OMSRuntimeException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServiceStateTest {

    @Test
    void onlyAStartedServiceServesAndTheRefusalSaysWhatIsMissing() {
        ServiceState.STARTED.checkStarted("Producer p-1");
        assertEquals("Producer p-1 is not started: call startup() first",
                assertThrows(OMSRuntimeException.class, () -> ServiceState.CREATED.checkStarted("Producer p-1")).getMessage());
        assertEquals("Producer p-1 is shut down; create a new one",
                assertThrows(OMSRuntimeException.class, () -> ServiceState.CLOSED.checkStarted("Producer p-1")).getMessage());
    }

    @Test
    void whatMayBeDoneBeforeStartupMayNotBeDoneAfterShutdown() {
        ServiceState.CREATED.checkNotClosed("Consumer of group 'g'");
        ServiceState.STARTED.checkNotClosed("Consumer of group 'g'");
        assertEquals("Consumer of group 'g' is shut down; create a new one",
                assertThrows(OMSRuntimeException.class, () -> ServiceState.CLOSED.checkNotClosed("Consumer of group 'g'")).getMessage());
    }
}
