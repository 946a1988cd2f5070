package io.openmessaging.omsconnect.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two worker processes on one storePathRootDir: the second refuses to start and names the first. */
class StoreLockIT {
    @TempDir
    Path dir;

    @Test
    void aSecondWorkerProcessOnTheSameStoreRefusesToStart() throws Exception {
        ChildWorker.Config first = ChildWorker.configure(dir.resolve("w1"), "w1", 1000);
        Process running = ChildWorker.start(first.file(), dir.resolve("w1.log"));
        try {
            ChildWorker.awaitUp(first.port());
            Path store = dir.resolve("w1").resolve("store");
            ChildWorker.Config second = ChildWorker.configure(dir.resolve("w2"), "w2", 1000);
            Path conf = second.file();
            Files.writeString(conf, Files.readString(conf).replace("storePathRootDir=" + dir.resolve("w2").resolve("store"),
                    "storePathRootDir=" + store));
            Path log = dir.resolve("w2.log");
            Process refused = ChildWorker.start(conf, log);
            assertTrue(refused.waitFor(60, TimeUnit.SECONDS), "the second worker did not exit");
            assertEquals(1, refused.exitValue());
            String output = Files.readString(log);
            assertTrue(output.contains("store " + store.toAbsolutePath() + " is in use by another worker (worker w1 (REST port "
                    + first.port() + "), pid " + running.pid()), output);
            assertTrue(running.isAlive(), "the first worker must keep running");
        } finally {
            running.destroyForcibly().waitFor();
        }
    }
}
