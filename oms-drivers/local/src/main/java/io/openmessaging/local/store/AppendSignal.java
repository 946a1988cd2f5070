package io.openmessaging.local.store;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes readers waiting for new data in any queue of a store. Writers pay for the lock only when
 * someone waits; a reader takes {@link #version()} before looking, then waits for it to change,
 * so an append between the look and the wait is never missed.
 */
public final class AppendSignal {

    private static final long SPIN_NANOS = 20_000;

    private final AtomicLong version = new AtomicLong();
    private final AtomicInteger waiters = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    public long version() {
        return version.get();
    }

    void bump() {
        version.incrementAndGet();
        if (waiters.get() > 0) {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits until the version differs from {@code seen} or {@code timeoutNanos} pass.
     * An interrupt ends the wait early and is kept on the thread.
     */
    public void awaitChange(long seen, long timeoutNanos) {
        // a reader that keeps up with a writer usually sees the next append within microseconds:
        // a short spin spares both sides a park and a wake-up (two context switches)
        long spinUntil = System.nanoTime() + Math.min(SPIN_NANOS, timeoutNanos);
        while (System.nanoTime() < spinUntil) {
            if (version.get() != seen) {
                return;
            }
            Thread.onSpinWait();
        }
        waiters.incrementAndGet();
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (version.get() == seen && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
            waiters.decrementAndGet();
        }
    }

    /** Wakes every waiter, e.g. because the store closes. */
    void wakeAll() {
        bump();
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
