package io.openmessaging.rabbitmq.producer;

import io.openmessaging.FutureListener;
import io.openmessaging.Promise;
import io.openmessaging.producer.SendResult;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.exception.OMSTimeOutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The outcome of one publish: done when the broker confirmed (value) or refused or lost it (failure).
 * It is completed on the connection's I/O thread, so listeners run on the producer's callback thread
 * instead: a listener may block or send again without stalling the connection.
 * {@link #get()} and {@link #get(long)} throw an {@link OMSRuntimeException} carrying the failure, and
 * {@link #get(long)} an {@link OMSTimeOutException} when the broker has not answered in time.
 */
final class SendFuture implements Promise<SendResult> {
    private static final Logger LOG = LoggerFactory.getLogger(SendFuture.class);

    private final CountDownLatch done = new CountDownLatch(1);
    private final Executor listenerExecutor;
    private final List<FutureListener<SendResult>> listeners = new ArrayList<>(); // guarded by this
    private volatile SendResult value;
    private volatile Throwable failure;

    SendFuture(Executor listenerExecutor) {
        this.listenerExecutor = listenerExecutor;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false; // a published message cannot be called back
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean isDone() {
        return done.getCount() == 0;
    }

    @Override
    public SendResult get() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OMSRuntimeException("-1", "Interrupted while waiting for the broker's confirm", e);
        }
        return valueOrThrow();
    }

    @Override
    public SendResult get(long timeoutMs) {
        try {
            if (!done.await(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new OMSTimeOutException("-1", "The broker did not confirm the message within " + timeoutMs + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OMSRuntimeException("-1", "Interrupted while waiting for the broker's confirm", e);
        }
        return valueOrThrow();
    }

    @Override
    public Throwable getThrowable() {
        return failure;
    }

    @Override
    public void addListener(FutureListener<SendResult> listener) {
        synchronized (this) {
            if (!isDone()) {
                listeners.add(listener);
                return;
            }
        }
        notify(listener);
    }

    @Override
    public boolean set(SendResult result) {
        return complete(result, null);
    }

    @Override
    public boolean setFailure(Throwable cause) {
        return complete(null, cause);
    }

    private boolean complete(SendResult result, Throwable cause) {
        List<FutureListener<SendResult>> toNotify;
        synchronized (this) {
            if (isDone()) {
                return false;
            }
            value = result;
            failure = cause;
            done.countDown();
            if (listeners.isEmpty()) {
                return true;
            }
            toNotify = List.copyOf(listeners);
            listeners.clear();
        }
        try {
            listenerExecutor.execute(() -> toNotify.forEach(this::notify));
        } catch (RejectedExecutionException e) {
            toNotify.forEach(this::notify); // the producer is shutting down: better late on this thread than never
        }
        return true;
    }

    private void notify(FutureListener<SendResult> listener) {
        try {
            listener.operationComplete(this);
        } catch (RuntimeException e) {
            LOG.warn("A send listener threw", e);
        }
    }

    private SendResult valueOrThrow() {
        Throwable cause = failure;
        if (cause == null) {
            return value;
        }
        if (cause instanceof OMSRuntimeException oms) {
            throw new OMSRuntimeException(oms.getErrorCode(), oms.getMessage(), oms);
        }
        throw new OMSRuntimeException("-1", cause.getMessage(), cause);
    }
}
