package io.openmessaging.local;

import static io.openmessaging.local.LocalDriverFixture.consumer;
import static io.openmessaging.local.LocalDriverFixture.drain;
import static io.openmessaging.local.LocalDriverFixture.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.exception.OMSRuntimeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a producing process loses no acknowledged message. */
class CrashTest {

    private static final int ACKS_BEFORE_KILL = 3000;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageSurvivesSigkill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            CrashingProducer.class.getName(), dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        Set<String> acknowledged = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                }
            }
            assertEquals(ACKS_BEFORE_KILL, acknowledged.size(), "the child acknowledged sends before dying on its own");

            OMSRuntimeException locked = assertThrows(OMSRuntimeException.class, () -> open(dir));
            assertTrue(locked.getMessage().contains("in use by another process"), locked.getMessage());

            child.destroyForcibly(); // SIGKILL, in the middle of sending
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            // acknowledgements printed before the kill but not yet read count too, as far as the JDK
            // still hands them out once the process is gone
            try {
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        acknowledged.add(line.substring(4));
                    }
                }
            } catch (IOException closedByTheReaper) {
                // the pipe was closed on exit: the acknowledgements read so far are checked
            }
        } finally {
            child.destroyForcibly();
        }

        MessagingAccessPoint mq = open(dir);
        try {
            List<String> stored = drain(consumer(mq, "g", "numbers"), true);
            Set<String> missing = new HashSet<>(acknowledged);
            stored.forEach(missing::remove);
            assertEquals(Set.of(), missing, "acknowledged but lost");
            for (int i = 0; i < stored.size(); i++) {
                assertEquals(String.valueOf(i), stored.get(i), "stored in order, without gaps");
            }
        } finally {
            mq.shutdown();
        }
    }
}
