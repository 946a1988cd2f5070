package io.openmessaging.rabbitmq;

import io.openmessaging.KeyValue;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.internal.DefaultKeyValue;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The RabbitMQ the integration tests use: 127.0.0.1:5672, guest/guest, vhost "/". */
final class LocalRabbitMq {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5672;

    private LocalRabbitMq() {
    }

    /** Skips the calling test when no broker listens, unless CI=true, where that is a failure. */
    static void assumeRunning() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
        } catch (IOException e) {
            String message = "RabbitMQ is not reachable at " + HOST + ":" + PORT + " (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message + "; CI=true requires it");
            }
            Assumptions.abort(message + ": skipping the RabbitMQ integration tests");
        }
    }

    /** The attributes the host builds from {@code oms:rabbitmq://<accessPoints>/<region>}. */
    static KeyValue attributes(String accessPoints, String region) {
        KeyValue attributes = new DefaultKeyValue();
        attributes.put(OMSBuiltinKeys.DRIVER_IMPL, MessagingAccessPointImpl.class.getName());
        attributes.put(OMSBuiltinKeys.ACCESS_POINTS, accessPoints);
        attributes.put(OMSBuiltinKeys.REGION, region);
        attributes.put("OMS_DRIVER_URL", "oms:rabbitmq://" + accessPoints + "/" + region);
        return attributes;
    }

    static KeyValue attributes() {
        return attributes("guest:guest@" + HOST + ":" + PORT, "default");
    }
}
