package io.openmessaging.omsconnect.herder;

import io.openmessaging.connector.api.component.connector.Connector;
import io.openmessaging.connector.api.component.task.source.SourceConnector;
import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.convert.Converters;
import io.openmessaging.omsconnect.driver.DriverInfo;
import io.openmessaging.omsconnect.driver.DriverRegistry;
import io.openmessaging.omsconnect.plugin.ComponentType;
import io.openmessaging.omsconnect.plugin.PluginComponent;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.store.FileConfigStore;
import io.openmessaging.omsconnect.store.FileOffsetStore;
import io.openmessaging.omsconnect.store.StoredConnector;
import io.openmessaging.omsconnect.store.TargetState;
import io.openmessaging.omsconnect.worker.State;
import io.openmessaging.omsconnect.worker.Status;
import io.openmessaging.omsconnect.worker.StatusTracker;
import io.openmessaging.omsconnect.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The standalone herder on its own: a mocked Worker and plugin host, the file stores in a temporary folder.
 * What it stores, what it asks the worker to run, in which order, and what it leaves alone.
 */
class StandaloneHerderTest {
    private static final String SOURCE = "test.Source";
    private static final Map<String, String> CONFIG = Map.of("connector.class", SOURCE, "tasks.max", "2");
    private static final List<Map<String, String>> PLANNED = List.of(Map.of("task-class", "test.Task", "n", "0"),
            Map.of("task-class", "test.Task", "n", "1"));
    private static final ConnectorTaskId TASK_0 = new ConnectorTaskId("c", 0);
    private static final ConnectorTaskId TASK_1 = new ConnectorTaskId("c", 1);

    @TempDir
    Path dir;

    private final PluginHost plugins = mock(PluginHost.class);
    private final DriverRegistry drivers = mock(DriverRegistry.class);
    private final Worker worker = mock(Worker.class);
    private final StatusTracker statuses = new StatusTracker();
    private FileConfigStore configs;
    private StandaloneHerder herder;

    @BeforeEach
    void setUp() {
        when(plugins.component(SOURCE)).thenReturn(Optional.of(new PluginComponent(SOURCE, ComponentType.SOURCE, "1.0",
                "test-plugin", null, getClass().getClassLoader())));
        when(plugins.newInstance(eq(SOURCE), eq(Connector.class))).thenAnswer(i -> mock(SourceConnector.class));
        when(drivers.drivers()).thenReturn(List.of(new DriverInfo("local", "oms-driver-local", "x.Local", List.of(), null)));
        when(worker.converters()).thenReturn(new Converters(plugins));
        when(worker.startConnector(eq("c"), any(), anyBoolean(), any())).thenReturn(true);
        when(worker.taskConfigs(eq("c"), anyInt())).thenReturn(PLANNED);
        when(worker.activeTopics()).thenReturn(new io.openmessaging.omsconnect.worker.ActiveTopics());
        configs = new FileConfigStore(dir);
        herder = newHerder();
    }

    private StandaloneHerder newHerder() {
        Properties p = new Properties();
        p.setProperty("workerId", "w1");
        return new StandaloneHerder(WorkerConfig.from(p, dir), plugins, drivers, worker, statuses, configs,
                new FileOffsetStore(dir));
    }

    @AfterEach
    void tearDown() {
        herder.close();
    }

    @Test
    void aCreateStoresTheConfigThenStartsTheConnectorBeforeTheTasksItPlanned() {
        assertTrue(herder.putConnectorConfig("c", CONFIG, false).created());

        InOrder order = inOrder(worker);
        order.verify(worker).startConnector(eq("c"), any(), eq(false), any());
        order.verify(worker).taskConfigs("c", 2);
        order.verify(worker).startTask(eq(TASK_0), any(), eq(PLANNED.get(0)), eq(false));
        order.verify(worker).startTask(eq(TASK_1), any(), eq(PLANNED.get(1)), eq(false));
        StoredConnector stored = configs.get("c").orElseThrow();
        assertEquals(CONFIG, stored.config());
        assertEquals(TargetState.STARTED, stored.targetState());
        assertEquals(PLANNED, stored.taskConfigs());
    }

    @Test
    void aBadConfigIsRefusedNamingTheKeyAndNothingIsStoredOrStarted() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> herder.putConnectorConfig("c", Map.of("connector.class", SOURCE, "tasks.max", "two"), false));
        assertTrue(e.getMessage().contains("tasks.max"), e.getMessage());
        assertTrue(configs.all().isEmpty());
        verify(worker, never()).startConnector(any(), any(), anyBoolean(), any());
    }

    @Test
    void aRestartedWorkerRunsStoredConnectorsInTheirTargetStateWithTheirStoredTaskConfigs() {
        configs.put(new StoredConnector("c", CONFIG, TargetState.PAUSED, PLANNED));
        configs.put(new StoredConnector("stopped", CONFIG, TargetState.STOPPED, List.of()));

        herder.start();

        verify(worker).startConnector(eq("c"), any(), eq(true), any());
        verify(worker).startTask(eq(TASK_0), any(), eq(PLANNED.get(0)), eq(true));
        verify(worker).startTask(eq(TASK_1), any(), eq(PLANNED.get(1)), eq(true));
        verify(worker, never()).taskConfigs(any(), anyInt()); // the stored plan is kept: positions refer to it
        verify(worker, never()).startConnector(eq("stopped"), any(), anyBoolean(), any());
        assertEquals(State.STOPPED, statuses.connector("stopped").state());
    }

    @Test
    void pauseAndResumeAreStoredAndReachTheRunningTasks() {
        herder.putConnectorConfig("c", CONFIG, false);

        herder.pauseConnector("c");
        verify(worker).setPaused("c", true);
        assertEquals(TargetState.PAUSED, configs.get("c").orElseThrow().targetState());

        herder.resumeConnector("c");
        verify(worker).setPaused("c", false);
        assertEquals(TargetState.STARTED, configs.get("c").orElseThrow().targetState());
    }

    @Test
    void aStoppedConnectorKeepsItsConfigButNoTasksAndPlansThemAnewWhenResumed() {
        created();

        herder.stopConnector("c");
        verify(worker).stopTasks(Set.of(TASK_0, TASK_1));
        verify(worker).stopConnector("c");
        StoredConnector stopped = configs.get("c").orElseThrow();
        assertEquals(TargetState.STOPPED, stopped.targetState());
        assertEquals(List.of(), stopped.taskConfigs());
        assertEquals(State.STOPPED, statuses.connector("c").state());

        herder.resumeConnector("c");
        verify(worker).startConnector(eq("c"), any(), eq(false), any());
        verify(worker).taskConfigs("c", 2);
        assertEquals(PLANNED, configs.get("c").orElseThrow().taskConfigs());
    }

    @Test
    void aDeleteStopsEverythingAndForgetsTheConnector() {
        created();
        statuses.connector("c", Status.of(State.RUNNING));

        herder.deleteConnector("c");

        verify(worker).stopTasks(Set.of(TASK_0, TASK_1));
        verify(worker).stopConnector("c");
        verify(worker).forgetMetrics("c");
        assertTrue(configs.get("c").isEmpty());
        assertEquals(State.UNASSIGNED, statuses.connector("c").state());
        assertThrows(NotFoundException.class, () -> herder.connectorStatus("c"));
    }

    @Test
    void aRestartOfOnlyTheFailedTasksLeavesTheRunningOnesAlone() {
        created();
        when(worker.isRunning("c")).thenReturn(true);
        statuses.connector("c", Status.of(State.RUNNING));
        statuses.task(TASK_0, Status.of(State.RUNNING));
        statuses.task(TASK_1, Status.failed(new IllegalStateException("boom")));

        herder.restartConnector("c", true, true);

        verify(worker).stopTasks(List.of(TASK_1));
        verify(worker).startTask(eq(TASK_1), any(), eq(PLANNED.get(1)), eq(false));
        verify(worker, never()).startTask(eq(TASK_0), any(), any(), anyBoolean());
        verify(worker, never()).stopConnector("c"); // the instance did not fail
    }

    @Test
    void aConnectorThatAsksForNewTaskConfigsGetsItsTasksRestartedOnlyWhenTheyChanged() {
        herder.putConnectorConfig("c", CONFIG, false);
        ArgumentCaptor<Runnable> reconfigure = ArgumentCaptor.forClass(Runnable.class);
        verify(worker).startConnector(eq("c"), any(), eq(false), reconfigure.capture());
        when(worker.tasks("c")).thenReturn(Set.of(TASK_0, TASK_1));

        reconfigure.getValue().run(); // the same plan: nothing to do
        verify(worker, timeout(5000).times(2)).taskConfigs("c", 2);

        List<Map<String, String>> replanned = List.of(Map.of("task-class", "test.Task", "n", "everything"));
        when(worker.taskConfigs(eq("c"), anyInt())).thenReturn(replanned);
        reconfigure.getValue().run();
        verify(worker, timeout(5000)).startTask(eq(TASK_0), any(), eq(replanned.get(0)), eq(false));
        verify(worker).stopTasks(Set.of(TASK_0, TASK_1)); // once: the unchanged plan stopped nothing
        assertEquals(replanned, configs.get("c").orElseThrow().taskConfigs());
    }

    @Test
    void aChangeWrittenToTheStoreIsReconciledWhoeverWroteIt() {
        created();

        configs.put(configs.get("c").orElseThrow().withTargetState(TargetState.PAUSED));
        verify(worker).setPaused("c", true);

        List<Map<String, String>> replanned = List.of(Map.of("task-class", "test.Task", "n", "all"));
        configs.put(configs.get("c").orElseThrow().withTaskConfigs(replanned));
        verify(worker).stopTasks(Set.of(TASK_0, TASK_1));
        verify(worker).startTask(eq(TASK_0), any(), eq(replanned.get(0)), eq(true));
        verify(worker, never()).stopConnector("c"); // only the tasks changed

        configs.remove("c");
        verify(worker).stopConnector("c");
    }

    @Test
    void aPutOfTheSameConfigRestartsTheConnectorAndPlansItsTasksAnew() {
        created();

        assertEquals(false, herder.putConnectorConfig("c", CONFIG, true).created());

        verify(worker).stopConnector("c");
        verify(worker).startConnector(eq("c"), any(), eq(false), any());
        verify(worker).taskConfigs("c", 2);
        verify(worker).startTask(eq(TASK_1), any(), eq(PLANNED.get(1)), eq(false));
        assertEquals(PLANNED, configs.get("c").orElseThrow().taskConfigs());
    }

    @Test
    void validationShowsADriverUrlWithoutItsPassword() {
        var answer = herder.validateConnectorConfig(SOURCE, Map.of("connector.class", SOURCE, "name", "c",
                "oms-driver-url", "oms:nosuchdriver://app:hunter2@mq.example:5672/default"));
        String json = com.alibaba.fastjson2.JSON.toJSONString(answer);
        assertTrue(json.contains("no driver"), json);
        assertTrue(json.contains("app:******@mq.example"), json);
        assertTrue(!json.contains("hunter2"), json);
    }

    /** Creates "c" with its two tasks running, and forgets what the worker was asked until then. */
    private void created() {
        herder.putConnectorConfig("c", CONFIG, false);
        when(worker.tasks("c")).thenReturn(Set.of(TASK_0, TASK_1));
        clearInvocations(worker);
    }

    @Test
    void statusesNameThisWorker() {
        herder.putConnectorConfig("c", CONFIG, false);
        statuses.connector("c", Status.of(State.RUNNING));
        statuses.task(TASK_1, Status.failed(new IllegalStateException("boom")));

        var status = herder.connectorStatus("c");
        assertEquals("RUNNING", status.connector().state());
        assertEquals("w1", status.connector().workerId());
        assertEquals("FAILED", status.tasks().get(1).state());
        assertTrue(status.tasks().get(1).trace().contains("boom"));
        assertEquals("UNASSIGNED", status.tasks().get(0).state());
    }
}
