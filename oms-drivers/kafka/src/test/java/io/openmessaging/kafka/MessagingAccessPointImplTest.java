package io.openmessaging.kafka;

import io.openmessaging.KeyValue;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.kafka.client.KafkaClients;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access point without a broker: how it fails when there is none (its life before startup: driver-support's PullOnlyAccessPointTest). */
class MessagingAccessPointImplTest {

    @Test
    void aClusterThatIsNotThereFailsStartupWithinTheStartupTimeout() {
        KeyValue attributes = attributes("127.0.0.1:1").put(KafkaClients.STARTUP_TIMEOUT_MS, 1_500);
        MessagingAccessPointImpl accessPoint = new MessagingAccessPointImpl(attributes);
        // guards against a hang, measures nothing
        OMSRuntimeException error = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(OMSRuntimeException.class, accessPoint::startup));
        assertTrue(error.getMessage().contains("127.0.0.1:1"), error.getMessage());
        assertTrue(error.getMessage().contains("1500 ms"), error.getMessage());
        assertThrows(OMSRuntimeException.class, accessPoint::createProducer, "still not started");
    }

    @Test
    void aMalformedAddressFailsAtConstruction() {
        assertThrows(OMSRuntimeException.class, () -> new MessagingAccessPointImpl(attributes("kafka")));
        assertThrows(OMSRuntimeException.class, () -> new MessagingAccessPointImpl(attributes("")));
    }

    private static KeyValue attributes(String accessPoints) {
        return new DefaultKeyValue().put(OMSBuiltinKeys.DRIVER_IMPL, MessagingAccessPointImpl.class.getName())
                .put(OMSBuiltinKeys.ACCESS_POINTS, accessPoints).put(OMSBuiltinKeys.REGION, "default");
    }
}
