package io.openmessaging.omsconnect.worker;

import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run of a {@link WorkerTask} on a thread of its own, as the worker makes it: the statuses it reports, in
 * order, and whether it failed (the worker is told once the task closed).
 */
final class TaskRun {
    static final ConnectorTaskId ID = new ConnectorTaskId("c", 0);

    final StatusTracker statuses = new StatusTracker();
    final List<State> states = new CopyOnWriteArrayList<>();
    final TaskMetrics metrics = new TaskMetrics();
    private final CountDownLatch failed = new CountDownLatch(1);
    private WorkerTask task;

    TaskRun() {
        statuses.addListener(new StatusTracker.Listener() {
            @Override
            public void connectorStatus(String connector, Status status) {
            }

            @Override
            public void taskStatus(ConnectorTaskId id, Status status) {
                states.add(status.state());
            }
        });
    }

    void start(WorkerTask task) {
        this.task = task;
        task.onFailure(t -> failed.countDown());
        Thread thread = new Thread(task, "task-" + ID.connector() + "-" + ID.task());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until the task failed and closed (what it does on the way out is done), and checks its status: FAILED
     * with a trace that names {@code cause}.
     */
    void awaitFailedWith(String cause) throws InterruptedException {
        assertTrue(failed.await(5, TimeUnit.SECONDS), "the task failed; it reported " + states);
        Status status = statuses.task(ID);
        assertEquals(State.FAILED, status.state());
        assertTrue(status.trace().contains(cause), status.trace());
    }

    /** Stops the task as the worker does and waits until it closed. */
    void stop() throws InterruptedException {
        task.requestStop();
        assertTrue(task.awaitStop(5000), "the task stopped");
    }

    /** Stops the task, which must have been RUNNING throughout: never FAILED, never PAUSED. */
    void stopRunningThroughout() throws InterruptedException {
        stop();
        assertEquals(List.of(State.RUNNING), states);
    }
}
