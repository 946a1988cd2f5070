package io.openmessaging.kafka.producer;

import io.openmessaging.FutureListener;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.exception.OMSTimeOutException;
import io.openmessaging.producer.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outcome of one send: done when Kafka acknowledged the record (or failed it). Kafka completes it on its
 * I/O thread, which must not wait for anyone, so listeners run on the producer's callback thread: a listener
 * may block or send again. {@link #get()} rethrows a failure as {@link OMSRuntimeException};
 * {@link #get(long)} throws {@link OMSTimeOutException} when Kafka has not answered in time.
 */
final class SendPromise implements io.openmessaging.Future<SendResult> {
    private static final Logger LOG = LoggerFactory.getLogger(SendPromise.class);

    private final CompletableFuture<SendResult> outcome = new CompletableFuture<>();
    private final Executor listeners;

    SendPromise(Executor listeners) {
        this.listeners = listeners;
    }

    void succeeded(SendResult result) {
        outcome.complete(result);
    }

    void failed(OMSRuntimeException failure) {
        outcome.completeExceptionally(failure);
    }

    @Override
    public boolean isCancelled() {
        return false; // a record handed to Kafka cannot be called back
    }

    @Override
    public boolean isDone() {
        return outcome.isDone();
    }

    @Override
    public SendResult get() {
        return get(Long.MAX_VALUE);
    }

    @Override
    public SendResult get(long timeoutMs) {
        try {
            return outcome.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OMSTimeOutException("-1", "Kafka did not acknowledge the message within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OMSRuntimeException("-1", "Interrupted while waiting for Kafka's acknowledgement", e);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    @Override
    public Throwable getThrowable() {
        if (!outcome.isCompletedExceptionally()) {
            return null;
        }
        try {
            outcome.join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        }
    }

    @Override
    public void addListener(FutureListener<SendResult> listener) {
        outcome.whenCompleteAsync((result, failure) -> notify(listener), this::execute);
    }

    private void execute(Runnable task) {
        try {
            listeners.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the producer is shutting down: better late on this thread than never
        }
    }

    private void notify(FutureListener<SendResult> listener) {
        try {
            listener.operationComplete(this);
        } catch (RuntimeException e) {
            LOG.warn("A send listener threw", e);
        }
    }

    /** A new exception, so that the caller's stack shows, with Kafka's failure as its cause. */
    private static OMSRuntimeException rethrown(Throwable failure) {
        if (failure instanceof OMSTimeOutException timeout) {
            return new OMSTimeOutException(timeout.getErrorCode(), timeout.getMessage(), timeout);
        }
        if (failure instanceof OMSRuntimeException oms) {
            return new OMSRuntimeException(oms.getErrorCode(), oms.getMessage(), oms);
        }
        return new OMSRuntimeException("-1", String.valueOf(failure), failure);
    }
}
