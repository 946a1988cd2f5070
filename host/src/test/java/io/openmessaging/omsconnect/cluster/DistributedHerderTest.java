package io.openmessaging.omsconnect.cluster;

import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.driver.DriverRegistry;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.store.ReportedStatus;
import io.openmessaging.omsconnect.store.StoredConnector;
import io.openmessaging.omsconnect.store.TargetState;
import io.openmessaging.omsconnect.worker.Status;
import io.openmessaging.omsconnect.worker.StatusTracker;
import io.openmessaging.omsconnect.worker.State;
import io.openmessaging.omsconnect.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The distributed herder on its own: a one-member log applied at once, a mocked Worker, a manual clock for
 * leases. What it starts, when it stops, and that it starts nothing it does not hold.
 */
class DistributedHerderTest {
    private static final long LEASE_MS = 2000;
    private static final Map<String, String> CONFIG = Map.of("connector-class", "test.Source", "max-task", "2");
    private static final List<Map<String, String>> TASKS = List.of(Map.of("task-class", "test.Task", "n", "0"),
            Map.of("task-class", "test.Task", "n", "1"));

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final ClusterState state = new ClusterState(clock::get);
    private final InstantCommandLog log = new InstantCommandLog(state);
    private final Worker worker = mock(Worker.class);
    private final StatusTracker statuses = new StatusTracker();
    private DistributedHerder herder;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.setProperty("workerId", "w1");
        p.setProperty("taskShutdownTimeoutMs", "500");
        WorkerConfig config = WorkerConfig.from(p, dir);
        ClusterConfig cluster = new ClusterConfig("test", "w1", List.of(new ClusterConfig.Address("w1", "127.0.0.1", 1)),
                new ClusterConfig.Address("w1", "127.0.0.1", 1), "http://w1", LEASE_MS, dir.resolve("raft"), null);
        when(worker.startConnector(any(), any(), eq(false), any())).thenReturn(true);
        when(worker.isRunning("c")).thenReturn(true);
        when(worker.taskConfigs(eq("c"), anyInt())).thenReturn(TASKS);
        when(worker.activeTopics()).thenReturn(new io.openmessaging.omsconnect.worker.ActiveTopics());
        herder = new DistributedHerder(config, cluster, mock(PluginHost.class), mock(DriverRegistry.class), worker,
                statuses, state, log, clock::get, () -> "http://w1");
        herder.start();
    }

    @AfterEach
    void stop() {
        herder.close();
    }

    private void put(TargetState target) {
        log.call(Commands.putConnector(new StoredConnector("c", CONFIG, target, List.of()), false));
    }

    @Test
    void startsTheInstanceThenTheTasksItPlannedOnceTheyAreHeldHere() {
        put(TargetState.STARTED);
        verify(worker, timeout(5000)).startConnector(eq("c"), any(), eq(false), any());
        verify(worker, timeout(5000)).startTask(eq(new ConnectorTaskId("c", 0)), any(), eq(TASKS.get(0)), eq(false));
        verify(worker, timeout(5000)).startTask(eq(new ConnectorTaskId("c", 1)), any(), eq(TASKS.get(1)), eq(false));
        assertEquals(TASKS, state.connector("c").orElseThrow().taskConfigs());
        state.slots().forEach((unit, slot) -> assertEquals(new Slot("w1", "w1", 0), slot, unit.toString()));
    }

    @Test
    void aLapsedLeaseStopsEverythingAndFencesTheTasks() {
        put(TargetState.STARTED);
        verify(worker, timeout(5000)).startTask(eq(new ConnectorTaskId("c", 1)), any(), any(), eq(false));
        ArgumentCaptor<BooleanSupplier> fence = ArgumentCaptor.forClass(BooleanSupplier.class);
        verify(worker).fence(fence.capture());
        assertTrue(fence.getValue().getAsBoolean(), "the tasks may run while the lease holds");

        log.cutOff(true); // no heartbeat is committed any more
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(LEASE_MS));
        assertFalse(fence.getValue().getAsBoolean(), "no new call into a connector once the lease lapsed");
        verify(worker, timeout(5000)).stopConnector("c");
        // both tasks at once: a worker that lost its lease does not stop them one after the other
        verify(worker, timeout(5000)).stopTasks(argThat(ids -> ids.size() == 2
                && ids.containsAll(List.of(new ConnectorTaskId("c", 0), new ConnectorTaskId("c", 1)))));
    }

    @Test
    void aUnitStillHeldByAnotherWorkerStartsHereOnlyOnceReleased() {
        log.leading(false); // this test assigns by hand
        log.call(Commands.heartbeat("w2", "http://w2", 1, 0));
        put(TargetState.STARTED);
        log.call(Commands.assign(state.generation(), Map.of(Unit.instance("c"), "w1")));
        verify(worker, timeout(5000)).startConnector(eq("c"), any(), eq(false), any());
        awaitTrue(() -> state.connector("c").orElseThrow().taskConfigs().size() == 2);
        Unit task1 = new Unit("c", 1);
        log.call(Commands.assign(state.generation(), Map.of(task1, "w2")));
        assertTrue(log.call(Commands.hold(task1, "w2")).getBooleanValue("ok"));

        // moved here while w2 still runs it: this worker must wait for w2 to let go
        log.call(Commands.assign(state.generation(), Map.of(task1, "w1")));
        long before = herder.reconcileCount();
        awaitTrue(() -> herder.reconcileCount() > before + 1);
        verify(worker, never()).startTask(eq(task1.taskId()), any(), any(), any(Boolean.class));
        assertEquals(new Slot("w1", "w2", 0), state.slots().get(task1));

        log.call(Commands.release(task1, "w2"));
        verify(worker, timeout(5000)).startTask(eq(task1.taskId()), any(), eq(TASKS.get(1)), eq(false));
        assertEquals(new Slot("w1", "w1", 0), state.slots().get(task1));
    }

    @Test
    void aLiveWorkerBecomesAVotingMemberAndTheChecksNameWhatIsWrong() {
        log.call(Commands.heartbeat("w2", "http://w2", 1, 0));
        var unknown = org.junit.jupiter.api.Assertions.assertThrows(
                io.openmessaging.omsconnect.herder.BadRequestException.class, () -> herder.addClusterVoter("w9"));
        assertEquals("id", unknown.field());
        assertTrue(unknown.getMessage().contains("no live worker w9"), unknown.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(io.openmessaging.omsconnect.herder.ConflictException.class,
                () -> herder.addClusterVoter("w1"));

        assertEquals(List.of("w1", "w2"), herder.addClusterVoter("w2"));
        assertEquals(List.of("w1", "w2"), herder.clusterVoters());
        assertTrue(herder.clusterWorkers().stream().anyMatch(w -> w.id().equals("w2") && w.voter()),
                "GET /cluster/workers shows w2 voting: " + herder.clusterWorkers());

        assertEquals(List.of("w1"), herder.removeClusterVoter("w2"));
        assertEquals(List.of("w1"), herder.clusterVoters());
        org.junit.jupiter.api.Assertions.assertThrows(io.openmessaging.omsconnect.herder.NotFoundException.class,
                () -> herder.removeClusterVoter("w2"));
        var last = org.junit.jupiter.api.Assertions.assertThrows(
                io.openmessaging.omsconnect.herder.BadRequestException.class, () -> herder.removeClusterVoter("w1"));
        assertTrue(last.getMessage().contains("last voting member"), last.getMessage());
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void pauseAndResumeReachTheRunningTasks() {
        put(TargetState.STARTED);
        verify(worker, timeout(5000)).startTask(eq(new ConnectorTaskId("c", 1)), any(), any(), eq(false));
        log.call(Commands.targetState("c", TargetState.PAUSED));
        verify(worker, timeout(5000)).setPaused("c", true);
        log.call(Commands.targetState("c", TargetState.STARTED));
        verify(worker, timeout(5000)).setPaused("c", false);
    }

    @Test
    void statusesOfHeldUnitsAreReportedWithThisWorkersId() {
        put(TargetState.STARTED);
        verify(worker, timeout(5000)).startTask(eq(new ConnectorTaskId("c", 1)), any(), any(), eq(false));
        statuses.task(new ConnectorTaskId("c", 1), Status.of(State.RUNNING));
        assertEquals(new ReportedStatus(Status.of(State.RUNNING), "w1"), awaitStatus(new Unit("c", 1)));
        assertEquals("RUNNING", herder.connectorStatus("c").tasks().get(1).state());
        assertEquals("w1", herder.connectorStatus("c").tasks().get(1).workerId());
    }

    private ReportedStatus awaitStatus(Unit unit) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            var s = state.status(unit);
            if (s.isPresent()) {
                return s.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no status of " + unit + " reached the log");
    }
}
