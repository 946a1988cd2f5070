package io.openmessaging.omsconnect.driversupport.producer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one thread a producer runs its send listeners (and interceptors' {@code postSend}) on. A broker client
 * completes sends on its I/O thread, which must not wait for anyone: a listener there that blocks or sends again
 * would stall every send of the connection. One thread keeps a producer's listeners in completion order. The
 * thread is a daemon named {@code <producer>-callbacks}; after {@link #shutdown} it refuses new tasks with a
 * {@link java.util.concurrent.RejectedExecutionException}.
 */
public final class SendListenerThread implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SendListenerThread.class);

    private final String producer;
    private final ExecutorService executor;

    /** @param producer the producer's name: the thread's and the log's */
    public SendListenerThread(String producer) {
        this.producer = producer;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, producer + "-callbacks");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /**
     * Lets the listeners already due run, for up to {@code wait}; then interrupts those still running (logged), so
     * that a listener that hangs cannot hold up the producer's shutdown.
     */
    public void shutdown(Duration wait) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Producer {}: send listeners still running after {} ms", producer, wait.toMillis());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
