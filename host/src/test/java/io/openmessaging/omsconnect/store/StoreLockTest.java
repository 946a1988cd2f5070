package io.openmessaging.omsconnect.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreLockTest {
    @TempDir
    Path root;

    @Test
    void aSecondWorkerOnTheStoreIsRefusedWithTheHolderNamed() {
        try (StoreLock first = StoreLock.acquire(root, "worker w1 (REST port 8081)")) {
            StoreLock.StoreLockedException refused = assertThrows(StoreLock.StoreLockedException.class,
                    () -> StoreLock.acquire(root, "worker w2 (REST port 8082)"));
            assertTrue(refused.getMessage().contains(root.toAbsolutePath().toString()), refused.getMessage());
            assertTrue(refused.getMessage().contains("worker w1 (REST port 8081), pid " + ProcessHandle.current().pid()),
                    refused.getMessage());
        }
    }

    @Test
    void theLockIsFreeAgainOnceReleased() {
        StoreLock.acquire(root, "worker w1").close();
        StoreLock.acquire(root, "worker w2").close();
    }
}
