package io.openmessaging.omsconnect.worker;

import io.openmessaging.omsconnect.plugin.LoaderSwap;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One task's loop on its own thread: start, then {@link #execute()} repeatedly until stopped, pausing in
 * between when asked. A throw from plugin code fails the task (FAILED with its trace), never the worker.
 * The connector plugin's classloader is the context loader for the whole loop.
 */
abstract class WorkerTask implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(WorkerTask.class);
    private static final long FENCED_WAIT_MS = 20;

    protected final ConnectorTaskId id;
    protected final StatusTracker statuses;
    protected final TaskMetrics metrics;
    private final ClassLoader loader;
    private final Object pauseLock = new Object();
    private final CountDownLatch exited = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean cancelled;
    private volatile boolean paused;
    private volatile Thread thread;
    private volatile java.util.function.Consumer<WorkerTask> failureListener = t -> {
    };
    private volatile BooleanSupplier mayRun = () -> true;
    /** where the topics this task uses are reported (KIP-558); set before the task runs */
    private ActiveTopics.Recorder topics;

    protected WorkerTask(ConnectorTaskId id, ClassLoader loader, StatusTracker statuses, TaskMetrics metrics,
                         boolean startPaused) {
        this.id = id;
        this.loader = loader;
        this.statuses = statuses;
        this.metrics = metrics;
        this.paused = startPaused;
    }

    /**
     * Checked before every round: while it says no, the task makes no call into its connector (in a cluster,
     * it is true while the worker holds its lease). A call already under way when it turns false finishes.
     */
    /** Reports the topics this task produces to or consumes from to {@code topics}. Call before the task runs. */
    void recordTopicsTo(ActiveTopics.Recorder topics) {
        this.topics = topics;
    }

    /** The task used {@code topic} (called from the task's thread for every record: cheap). */
    protected final void topicUsed(String topic) {
        if (topics != null) {
            topics.used(topic);
        }
    }

    void fence(BooleanSupplier mayRun) {
        this.mayRun = mayRun;
    }

    /** Creates and starts the plugin's task and the driver clients it needs. */
    protected abstract void initialize() throws Exception;

    /** One round: poll/send or pull/put, then commit when due. Must return within about a second. */
    protected abstract void execute() throws Exception;

    /** Called on the task thread when it is about to pause: commit what was done. */
    protected abstract void beforePause() throws Exception;

    /** Commits, then stops the plugin's task and closes driver clients; called once on exit. */
    protected abstract void close();

    /**
     * Called from another thread once this task was abandoned (it did not stop in time, its thread is stuck in
     * plugin code): release what must not wait for the thread, e.g. a sink's consumer, so that the driver hands
     * the messages it did not ack to the group again now rather than when the process ends.
     */
    protected void abandon() {
    }

    @Override
    public final void run() {
        thread = Thread.currentThread();
        boolean failed = false;
        try (LoaderSwap ignored = LoaderSwap.to(loader)) {
            initialize();
            log.info("Task {} started", id);
            // what the last report said; null: nothing yet. Read paused once per round: a pause between two
            // reads of it would otherwise pass unreported (the task paused, its status RUNNING)
            Boolean wasPaused = null;
            while (!stopping) {
                boolean pausedNow = paused;
                if (wasPaused == null || pausedNow != wasPaused) {
                    wasPaused = pausedNow;
                    if (pausedNow) {
                        beforePause();
                    }
                    report(Status.of(pausedNow ? State.PAUSED : State.RUNNING));
                }
                if (pausedNow) {
                    awaitResumeOrStop();
                } else if (!mayRun.getAsBoolean()) {
                    // fenced: the worker lost its cluster lease and is about to stop this task; no new call
                    // into the connector may start meanwhile, another worker may be given the task
                    Thread.sleep(FENCED_WAIT_MS);
                } else {
                    execute();
                }
            }
        } catch (InterruptedException e) {
            if (!stopping) {
                failed = true;
                report(Status.failed(e));
            }
        } catch (Throwable t) {
            failed = true;
            report(Status.failed(t));
            log.error("Task {} failed: {}", id, t.toString());
        } finally {
            try (LoaderSwap ignored = LoaderSwap.to(loader)) {
                close();
            } catch (Throwable t) {
                log.warn("Task {} did not close cleanly: {}", id, t.toString());
            }
            exited.countDown();
            if (cancelled) {
                log.info("Task {} came back from plugin code after it was abandoned; it ended", id);
            } else if (failed) {
                failureListener.accept(this);
            } else {
                log.info("Task {} stopped", id);
            }
        }
    }

    /** A status of this task run; none once it was abandoned (a new run of the task may be reporting). */
    private void report(Status status) {
        if (!cancelled) {
            statuses.task(id, status);
        }
    }

    private void awaitResumeOrStop() throws InterruptedException {
        synchronized (pauseLock) {
            while (paused && !stopping) {
                pauseLock.wait(500);
            }
        }
    }

    /** Told, on the task's thread, after the task failed and closed (e.g. to restart it with backoff). */
    final void onFailure(java.util.function.Consumer<WorkerTask> listener) {
        this.failureListener = listener;
    }

    final void setPaused(boolean pause) {
        synchronized (pauseLock) {
            paused = pause;
            pauseLock.notifyAll();
        }
    }

    final void requestStop() {
        synchronized (pauseLock) {
            stopping = true;
            pauseLock.notifyAll();
        }
    }

    final boolean isStopping() {
        return stopping;
    }

    /**
     * True once the worker abandoned this run: a new run of the task may be going on, so this one must not
     * commit anything any more (a stale position or ack would overwrite the new run's).
     */
    final boolean isCancelled() {
        return cancelled;
    }

    /**
     * Waits for the loop to exit; after {@code timeoutMs} the thread is interrupted and abandoned, so a
     * task hanging in {@code stop()} cannot hold the worker.
     *
     * @return true when the task exited in time
     */
    final boolean awaitStop(long timeoutMs) throws InterruptedException {
        if (exited.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            return true;
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        return exited.await(100, TimeUnit.MILLISECONDS);
    }

    /** Gives the task up: it reports nothing from now on, and what {@link #abandon()} frees is freed. */
    final void cancel() {
        cancelled = true;
        try (LoaderSwap ignored = LoaderSwap.to(loader)) {
            abandon();
        } catch (Throwable t) {
            log.warn("Task {}: releasing the abandoned task's resources failed: {}", id, t.toString());
        }
    }

    final ConnectorTaskId id() {
        return id;
    }
}
