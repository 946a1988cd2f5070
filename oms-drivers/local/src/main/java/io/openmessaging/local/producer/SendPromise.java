package io.openmessaging.local.producer;

import io.openmessaging.FutureListener;
import io.openmessaging.Message;
import io.openmessaging.Promise;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.exception.OMSTimeOutException;
import io.openmessaging.local.store.WriteListener;
import io.openmessaging.producer.SendResult;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of an asynchronous send: done when the message is written to the OS. {@code get}
 * throws {@link OMSRuntimeException} with the cause if the write failed, and
 * {@link OMSTimeOutException} if {@code get(timeout)} runs out.
 */
final class SendPromise implements Promise<SendResult>, WriteListener {

    private static final Logger LOG = LoggerFactory.getLogger(SendPromise.class);

    private final String queue;
    private final Message message;
    private List<FutureListener<SendResult>> listeners;
    private SendResult result;
    private Throwable failure;
    private boolean done;
    private boolean cancelled;

    SendPromise(String queue, Message message) {
        this.queue = queue;
        this.message = message;
    }

    @Override
    public void written(long offset) {
        // before the promise completes: whoever waits on it then sees the message's headers written
        LocalProducer.written(message, queue, offset);
        set(new LocalSendResult(queue, offset));
    }

    @Override
    public void failed(Throwable cause) {
        setFailure(cause);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false; // a buffered message will be written whatever happens
    }

    @Override
    public boolean set(SendResult value) {
        return finish(value, null);
    }

    @Override
    public boolean setFailure(Throwable cause) {
        return finish(null, cause);
    }

    private boolean finish(SendResult value, Throwable cause) {
        List<FutureListener<SendResult>> toNotify;
        synchronized (this) {
            if (done) {
                return false;
            }
            result = value;
            failure = cause;
            done = true;
            notifyAll();
            toNotify = listeners;
            listeners = null;
        }
        if (toNotify != null) {
            toNotify.forEach(this::notifyListener);
        }
        return true;
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public synchronized boolean isDone() {
        return done;
    }

    @Override
    public SendResult get() {
        synchronized (this) {
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OMSRuntimeException("-1", "interrupted while waiting for a send", e);
                }
            }
            return outcome();
        }
    }

    @Override
    public SendResult get(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (this) {
            while (!done) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
                if (remainingMillis <= 0) {
                    throw new OMSTimeOutException("-1", "send to " + queue + " not written after " + timeoutMillis + " ms");
                }
                try {
                    wait(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OMSRuntimeException("-1", "interrupted while waiting for a send", e);
                }
            }
            return outcome();
        }
    }

    private SendResult outcome() {
        if (failure != null) {
            throw new OMSRuntimeException("-1", "send to " + queue + " failed: " + failure.getMessage(), failure);
        }
        return result;
    }

    @Override
    public void addListener(FutureListener<SendResult> listener) {
        synchronized (this) {
            if (!done) {
                if (listeners == null) {
                    listeners = new ArrayList<>(1);
                }
                listeners.add(listener);
                return;
            }
        }
        notifyListener(listener);
    }

    private void notifyListener(FutureListener<SendResult> listener) {
        try {
            listener.operationComplete(this);
        } catch (RuntimeException e) {
            LOG.warn("A send listener threw: {}", e.toString());
        }
    }

    @Override
    public synchronized Throwable getThrowable() {
        return failure;
    }
}
