package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.connector.api.component.task.source.SourceTask;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.driver.DriverRegistry;
import io.openmessaging.omsconnect.plugin.ComponentType;
import io.openmessaging.omsconnect.plugin.PluginComponent;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The worker on its own: mocked plugins and driver, a manual clock, and a restarter the test runs by hand, so
 * that each restart's backoff is seen without being waited out. Its tasks are {@link ControlledTask}s run on
 * their real threads.
 */
class WorkerTest {
    private static final String CONNECTOR_CLASS = "test.Connector";
    private static final ConnectorTaskId ID = new ConnectorTaskId("c", 0);
    private static final long SHUTDOWN_TIMEOUT_MS = 200;

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    /** the restarts the worker scheduled, in order, for the test to run */
    private final BlockingQueue<Restart> restarts = new LinkedBlockingQueue<>();
    private final StatusTracker statuses = new StatusTracker();
    private final MemoryOffsetStore positions = new MemoryOffsetStore();
    private final PluginHost plugins = mock(PluginHost.class);
    private final DriverRegistry drivers = mock(DriverRegistry.class);
    private WorkerConfig workerConfig;
    private Worker worker;

    private record Restart(Runnable run, long delayMs) {
    }

    @BeforeEach
    void start() {
        ControlledTask.reset();
        when(plugins.component(CONNECTOR_CLASS)).thenReturn(Optional.of(new PluginComponent(CONNECTOR_CLASS,
                ComponentType.SOURCE, "1", "test", null, WorkerTest.class.getClassLoader())));
        MessagingAccessPoint accessPoint = mock(MessagingAccessPoint.class);
        when(accessPoint.createProducer()).thenReturn(mock(Producer.class));
        when(drivers.acquire(any())).thenReturn(accessPoint);
        ScheduledExecutorService restarter = mock(ScheduledExecutorService.class);
        when(restarter.schedule(any(Runnable.class), anyLong(), eq(TimeUnit.MILLISECONDS))).thenAnswer(call -> {
            restarts.add(new Restart(call.getArgument(0), call.getArgument(1)));
            return null;
        });
        Properties p = new Properties();
        p.setProperty("taskShutdownTimeoutMs", Long.toString(SHUTDOWN_TIMEOUT_MS));
        workerConfig = WorkerConfig.from(p, dir);
        worker = new Worker(workerConfig, plugins, drivers, positions, statuses, nanos::get, restarter);
    }

    @AfterEach
    void stop() {
        ControlledTask.unhang.countDown();
        worker.close();
    }

    private static ConnectorConfig connector(String... keyValues) {
        Map<String, String> config = new HashMap<>(Map.of(ConnectorConfig.CONNECTOR_CLASS, CONNECTOR_CLASS,
                ConnectorConfig.TOPIC, "t"));
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return new ConnectorConfig(config);
    }

    private static Map<String, String> taskOf(String className) {
        return Map.of(WorkerConnector.TASK_CLASS, className);
    }

    private void startControlledTask(ConnectorConfig config, boolean paused) {
        worker.startTask(ID, config, taskOf(ControlledTask.class.getName()), paused);
    }

    private Restart nextRestart() throws InterruptedException {
        Restart restart = restarts.poll(5, TimeUnit.SECONDS);
        assertNotNull(restart, "a restart was scheduled");
        return restart;
    }

    private void awaitState(State state) throws InterruptedException {
        Await.until("task " + state + ", is " + statuses.task(ID), () -> statuses.task(ID).state() == state);
    }

    @Test
    void aTaskWhoseClassCannotBeCreatedIsFailedWithTheTraceAndRestartedAfterTheBackoff() throws Exception {
        worker.startTask(ID, connector(), taskOf("no.such.Task"), false);

        Status failed = statuses.task(ID);
        assertEquals(State.FAILED, failed.state());
        assertTrue(failed.trace().contains("ClassNotFoundException: no.such.Task"), failed.trace());
        verify(drivers, never()).acquire(any()); // failed before it took a driver client
        Restart restart = nextRestart();
        assertEquals(1000, restart.delayMs(), "the default first backoff, task-restart-backoff-ms");
        assertEquals(Set.of(ID), worker.tasks("c"), "kept, to be restarted");

        restart.run().run();
        assertEquals(2000, nextRestart().delayMs(), "tried again, failed again, waits twice as long");
    }

    @Test
    void theRestartBackoffDoublesUpToTheMaxAndStartsAnewAfterTheTaskRanLongerThanTheMax() throws Exception {
        ConnectorConfig config = connector(Worker.TASK_RESTART_BACKOFF, "1000", Worker.TASK_RESTART_BACKOFF_MAX, "4000");
        ControlledTask.failStart = true;
        startControlledTask(config, false);
        Restart restart = nextRestart();
        assertEquals(1000, restart.delayMs());
        for (long expected : new long[]{2000, 4000, 4000}) {
            restart.run().run();
            restart = nextRestart();
            assertEquals(expected, restart.delayMs(), "doubling, capped at task-restart-backoff-max-ms");
        }

        ControlledTask.failStart = false;
        restart.run().run();
        ControlledTask ranBriefly = ControlledTask.awaitStarted();
        ranBriefly.failPoll.countDown();
        restart = nextRestart();
        assertEquals(4000, restart.delayMs(), "a run shorter than the max counts on");

        restart.run().run();
        ControlledTask ranWell = ControlledTask.awaitStarted();
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(4000) + 1);
        ranWell.failPoll.countDown();
        assertEquals(1000, nextRestart().delayMs(), "a run longer than the max starts the count anew");
        assertEquals(State.FAILED, statuses.task(ID).state());
    }

    @Test
    void withRestartsDisabledAFailedTaskStaysFailed() throws Exception {
        ControlledTask.failStart = true;
        startControlledTask(connector(Worker.TASK_RESTART_ENABLE, "false"), false);
        ControlledTask.awaitFailedThreadEnded(); // the worker was told of the failure before the thread ended

        assertTrue(restarts.isEmpty(), "no restart scheduled: " + restarts);
        Status failed = statuses.task(ID);
        assertEquals(State.FAILED, failed.state());
        assertTrue(failed.trace().contains("start failed"), failed.trace());
    }

    @Test
    void aTaskThatDoesNotStopInTimeIsAbandonedReportedFailedAndReportsNothingMore() throws Exception {
        ConnectorConfig config = connector();
        ControlledTask.hangInPoll = true;
        startControlledTask(config, false);
        ControlledTask task = ControlledTask.awaitStarted();
        assertTrue(ControlledTask.hanging.await(5, TimeUnit.SECONDS), "the task hangs in poll");

        assertEquals(List.of(ID), worker.stopTasks(List.of(ID)));
        Status abandoned = statuses.task(ID);
        assertEquals(State.FAILED, abandoned.state());
        assertTrue(abandoned.trace().contains("did not stop within " + SHUTDOWN_TIMEOUT_MS + " ms and was abandoned"),
                abandoned.trace());
        assertTrue(worker.tasks("c").isEmpty());
        verify(drivers).release(config.omsDriverUrl(workerConfig.omsDriverUrl())); // its driver clients given back

        ControlledTask.unhang.countDown(); // the plugin code returns at last: the task ends without a word
        task.thread.join(5000);
        assertFalse(task.thread.isAlive());
        assertSame(abandoned, statuses.task(ID), "an abandoned run reports no status any more");
        assertTrue(restarts.isEmpty(), "an abandoned task is not restarted by the worker");
    }

    @Test
    void aTaskPausedAsItStartsReportsPaused() throws Exception {
        // the pause may land while the task's thread enters its loop: it must be reported all the same
        startControlledTask(connector(), false);
        worker.setPaused("c", true);
        awaitState(State.PAUSED);
    }

    @Test
    void setPausedPausesAndResumesTheTasksOfAConnector() throws Exception {
        startControlledTask(connector(), false);
        Await.until("a poll", () -> ControlledTask.polls.get() > 0);
        assertEquals(State.RUNNING, statuses.task(ID).state());

        worker.setPaused("c", true);
        awaitState(State.PAUSED);
        worker.setPaused("c", false);
        awaitState(State.RUNNING);
        int polls = ControlledTask.polls.get();
        Await.until("polls after the resume", () -> ControlledTask.polls.get() > polls);
    }

    @Test
    void aFailedTaskPausedBeforeItsRestartStartsPaused() throws Exception {
        ControlledTask.failStart = true;
        startControlledTask(connector(), false);
        Restart restart = nextRestart();

        worker.setPaused("c", true);
        ControlledTask.failStart = false;
        restart.run().run();
        ControlledTask.awaitStarted();
        awaitState(State.PAUSED);
    }

    @Test
    void aFencedTaskStartsNoNewRoundUntilTheFenceLifts() throws Exception {
        AtomicBoolean mayRun = new AtomicBoolean(true);
        AtomicInteger fencedChecks = new AtomicInteger();
        worker.fence(() -> {
            if (mayRun.get()) {
                return true;
            }
            fencedChecks.incrementAndGet();
            return false;
        });
        startControlledTask(connector(), false);
        Await.until("a poll", () -> ControlledTask.polls.get() > 0);

        mayRun.set(false);
        Await.until("the task to see the fence", () -> fencedChecks.get() > 0);
        int polls = ControlledTask.polls.get(); // a poll under way when the fence fell has returned by now
        Await.until("the task to check the fence again", () -> fencedChecks.get() > 2);
        assertEquals(polls, ControlledTask.polls.get(), "no poll while fenced");
        assertEquals(State.RUNNING, statuses.task(ID).state(), "fenced is not failed");

        mayRun.set(true);
        Await.until("polls once the fence lifts", () -> ControlledTask.polls.get() > polls);
    }

    /**
     * A source task the test steers through static state, since the worker creates it by its class name: it
     * polls nothing, fails in start or poll, or hangs in poll ignoring interrupts, as told.
     */
    public static final class ControlledTask extends SourceTask {
        static volatile boolean failStart;
        static volatile boolean hangInPoll;
        static volatile CountDownLatch hanging;
        static volatile CountDownLatch unhang;
        static final AtomicInteger polls = new AtomicInteger();
        static final BlockingQueue<ControlledTask> started = new LinkedBlockingQueue<>();
        static final BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        final CountDownLatch failPoll = new CountDownLatch(1);
        /** the task's thread: the worker creates the task on its own thread and starts it on this one */
        volatile Thread thread;

        static void reset() {
            failStart = false;
            hangInPoll = false;
            hanging = new CountDownLatch(1);
            unhang = new CountDownLatch(1);
            polls.set(0);
            started.clear();
            threads.clear();
        }

        static ControlledTask awaitStarted() throws InterruptedException {
            ControlledTask task = started.poll(5, TimeUnit.SECONDS);
            assertNotNull(task, "a task started");
            return task;
        }

        /** Waits for the thread of a task that failed in start to end, the worker's failure handling with it. */
        static void awaitFailedThreadEnded() throws InterruptedException {
            Thread thread = threads.poll(5, TimeUnit.SECONDS);
            assertNotNull(thread, "a task was created");
            thread.join(5000);
            assertFalse(thread.isAlive());
        }

        @Override
        public void start(KeyValue config) {
            thread = Thread.currentThread();
            threads.add(thread);
            if (failStart) {
                throw new IllegalStateException("start failed");
            }
            started.add(this);
        }

        @Override
        public List<ConnectRecord> poll() throws InterruptedException {
            polls.incrementAndGet();
            if (hangInPoll) {
                hanging.countDown();
                awaitIgnoringInterrupts(unhang);
                return List.of();
            }
            if (failPoll.await(5, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("poll failed");
            }
            return List.of();
        }

        private static void awaitIgnoringInterrupts(CountDownLatch latch) {
            boolean interrupted = false;
            while (true) {
                try {
                    latch.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void validate(KeyValue config) {
        }

        @Override
        public void stop() {
        }
    }
}
