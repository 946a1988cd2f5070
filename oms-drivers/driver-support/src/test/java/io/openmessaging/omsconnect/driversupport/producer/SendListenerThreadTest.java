package io.openmessaging.omsconnect.driversupport.producer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendListenerThreadTest {

    @Test
    void listenersRunInOrderOnOneNamedDaemonThreadAndShutdownLetsThoseDueFinish() {
        SendListenerThread listeners = new SendListenerThread("p-1");
        List<String> ran = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "listener " + i;
            listeners.execute(() -> {
                Thread thread = Thread.currentThread();
                ran.add(name + " on " + thread.getName() + (thread.isDaemon() ? " (daemon)" : ""));
            });
        }

        listeners.shutdown(Duration.ofSeconds(30));

        assertEquals(List.of("listener 0 on p-1-callbacks (daemon)", "listener 1 on p-1-callbacks (daemon)",
                "listener 2 on p-1-callbacks (daemon)"), ran);
        assertThrows(RejectedExecutionException.class, () -> listeners.execute(() -> { }));
    }

    @Test
    void aListenerThatHangsIsInterruptedOnceTheShutdownsWaitIsOver() throws InterruptedException {
        SendListenerThread listeners = new SendListenerThread("p-2");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        listeners.execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // never counted down
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));

        listeners.shutdown(Duration.ofMillis(50));

        assertTrue(interrupted.await(30, TimeUnit.SECONDS), "the hanging listener was interrupted");
    }
}
