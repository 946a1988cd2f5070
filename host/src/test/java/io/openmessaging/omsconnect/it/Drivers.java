package io.openmessaging.omsconnect.it;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The drivers the integration tests run on, each as its built plugin plus a URL. A driver whose server is
 * absent is skipped with a message on a user's machine and fails the run when {@code CI=true}.
 */
enum Drivers {
    LOCAL("oms-driver-local", dir -> "oms:local://" + dir.resolve("mq") + "/default"),
    RABBITMQ("oms-driver-rabbitmq", dir -> "oms:rabbitmq://guest:guest@127.0.0.1:5672/default");

    final String plugin;
    private final Function<Path, String> url;

    Drivers(String plugin, Function<Path, String> url) {
        this.plugin = plugin;
        this.url = url;
    }

    String url(Path workDir) {
        return url.apply(workDir);
    }

    /** Skips (or, in CI, fails) when the driver's server is not reachable. */
    void assumeAvailable() {
        if (this == RABBITMQ && !listening(5672)) {
            String message = "RabbitMQ is not listening on 127.0.0.1:5672";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI=true: integration tests must run)");
            }
            Assumptions.abort(message + "; skipping the RabbitMQ driver tests");
        }
    }

    static List<Drivers> all() {
        return List.of(values());
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
