package io.openmessaging.rabbitmq;

import io.openmessaging.KeyValue;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.rabbitmq.connection.ConnectionSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access point without a broker: how it fails when there is none (its life before startup: driver-support's PullOnlyAccessPointTest). */
class MessagingAccessPointImplTest {

    @Test
    void refusedConnectionFailsWithAClearError() {
        MessagingAccessPointImpl accessPoint = new MessagingAccessPointImpl(LocalRabbitMq.attributes("guest:guest@127.0.0.1:1", "default"));
        // guards against a hang, measures nothing: a refusal on loopback is immediate
        OMSRuntimeException error = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(OMSRuntimeException.class, accessPoint::startup));
        assertTrue(error.getMessage().contains("127.0.0.1:1"), error.getMessage());
        assertTrue(error.getMessage().contains("connection refused"), error.getMessage());
    }

    @Test
    void serverThatNeverAnswersFailsWithinTheConnectionTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accept and never say a word
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-broker");
            acceptor.setDaemon(true);
            acceptor.start();
            KeyValue attributes = LocalRabbitMq.attributes("127.0.0.1:" + silent.getLocalPort(), "default");
            attributes.put(ConnectionSettings.CONNECTION_TIMEOUT_MS, 500);
            MessagingAccessPointImpl accessPoint = new MessagingAccessPointImpl(attributes);
            OMSRuntimeException error = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> assertThrows(OMSRuntimeException.class, accessPoint::startup));
            assertTrue(error.getMessage().contains("timed out"), error.getMessage());
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void malformedAddressFailsAtConstruction() {
        assertThrows(OMSRuntimeException.class, () -> new MessagingAccessPointImpl(LocalRabbitMq.attributes("guest:guest@host:port", "default")));
        assertThrows(OMSRuntimeException.class, () -> new MessagingAccessPointImpl(LocalRabbitMq.attributes("", "default")));
    }
}
