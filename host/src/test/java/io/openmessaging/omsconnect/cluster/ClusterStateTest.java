package io.openmessaging.omsconnect.cluster;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.omsconnect.store.ReportedStatus;
import io.openmessaging.omsconnect.store.StoredConnector;
import io.openmessaging.omsconnect.store.TargetState;
import io.openmessaging.omsconnect.worker.State;
import io.openmessaging.omsconnect.worker.Status;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state machine's rules, command by command: what keeps a unit from running on two workers. */
class ClusterStateTest {
    private final AtomicLong clock = new AtomicLong(1_000);
    private final ClusterState state = new ClusterState(clock::get);

    private JSONObject apply(JSONObject command) {
        byte[] bytes = JSON.toJSONBytes(command);
        return JSON.parseObject(state.apply(bytes, 0, bytes.length, true));
    }

    private boolean ok(JSONObject command) {
        return apply(command).getBooleanValue("ok");
    }

    private void createWithTasks(String name, int tasks) {
        assertTrue(ok(Commands.putConnector(new StoredConnector(name, Map.of("connector-class", "X"),
                TargetState.STARTED, List.of()), true)));
        assertTrue(ok(Commands.assign(state.generation(), Map.of(Unit.instance(name), "w1"))));
        assertTrue(ok(Commands.hold(Unit.instance(name), "w1")));
        List<Map<String, String>> configs = new java.util.ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            configs.add(Map.of("task", String.valueOf(i)));
        }
        assertTrue(ok(Commands.taskConfigs(name, "w1", configs)));
    }

    @Test
    void createIsRefusedWhenTheConnectorExistsButPutReplaces() {
        StoredConnector c = new StoredConnector("a", Map.of("k", "1"), TargetState.STARTED, List.of());
        assertTrue(ok(Commands.putConnector(c, true)));
        JSONObject again = apply(Commands.putConnector(c, true));
        assertFalse(again.getBooleanValue("ok"));
        assertTrue(again.getString("error").contains("already exists"));
        JSONObject replaced = apply(Commands.putConnector(new StoredConnector("a", Map.of("k", "2"),
                TargetState.STARTED, List.of()), false));
        assertTrue(replaced.getBooleanValue("ok"));
        assertFalse(replaced.getBooleanValue("created"));
        assertEquals("2", state.connector("a").orElseThrow().config().get("k"));
    }

    @Test
    void aUnitIsHeldByOneWorkerAtATime() {
        createWithTasks("a", 1);
        Unit task = new Unit("a", 0);
        assertTrue(ok(Commands.assign(state.generation(), Map.of(task, "w1"))));
        assertFalse(ok(Commands.hold(task, "w2")), "not its owner");
        assertTrue(ok(Commands.hold(task, "w1")));
        // the leader moves it: the new owner may not run it before the old holder let go
        assertTrue(ok(Commands.assign(state.generation(), Map.of(task, "w2"))));
        JSONObject refused = apply(Commands.hold(task, "w2"));
        assertFalse(refused.getBooleanValue("ok"));
        assertTrue(refused.getString("error").contains("still runs on w1"), refused.toString());
        assertTrue(ok(Commands.release(task, "w1")));
        assertTrue(ok(Commands.hold(task, "w2")));
        assertEquals(new Slot("w2", "w2", 0), state.slots().get(task));
    }

    @Test
    void aStaleLeadersAssignmentIsRefused() {
        createWithTasks("a", 2);
        long generation = state.generation();
        assertTrue(ok(Commands.assign(generation, Map.of(new Unit("a", 0), "w1"))));
        JSONObject stale = apply(Commands.assign(generation, Map.of(new Unit("a", 0), "w9")));
        assertFalse(stale.getBooleanValue("ok"));
        assertEquals("w1", state.slots().get(new Unit("a", 0)).owner());
    }

    @Test
    void anExpiryDecidedOnAnOldHeartbeatIsRefused() {
        assertTrue(ok(Commands.heartbeat("w1", "http://w1", 7, 0)));
        createWithTasks("a", 0);
        assertTrue(ok(Commands.heartbeat("w1", "http://w1", 8, 0)));
        assertFalse(ok(Commands.expire("w1", 7)), "w1 renewed after heartbeat 7");
        assertEquals("w1", state.slots().get(Unit.instance("a")).holder());
        assertTrue(ok(Commands.expire("w1", 8)));
        assertEquals(Slot.EMPTY, state.slots().get(Unit.instance("a")));
        assertFalse(state.members().containsKey("w1"));
    }

    @Test
    void positionsFromAWorkerThatNoLongerHoldsTheTaskAreRefused() {
        createWithTasks("a", 1);
        Unit task = new Unit("a", 0);
        assertTrue(ok(Commands.assign(state.generation(), Map.of(task, "w1"))));
        assertTrue(ok(Commands.hold(task, "w1")));
        RecordPartition p = new RecordPartition(Map.of("file", "in"));
        assertTrue(ok(Commands.positions("a", task, "w1", Map.of(p, new RecordOffset(Map.of("pos", 10L))))));
        assertTrue(ok(Commands.heartbeat("w1", null, 1, 0)));
        assertTrue(ok(Commands.expire("w1", 1)));
        JSONObject fenced = apply(Commands.positions("a", task, "w1", Map.of(p, new RecordOffset(Map.of("pos", 99L)))));
        assertFalse(fenced.getBooleanValue("ok"));
        assertTrue(fenced.getBooleanValue("fenced"));
        assertEquals(10L, state.positions("a").get(p).getOffset().get("pos"));
        // an administrator's change names no task: taken only while the connector is STOPPED
        assertFalse(ok(Commands.positions("a", null, null, Map.of(p, new RecordOffset(Map.of("pos", 0L))))));
        assertFalse(ok(Commands.deletePositions("a")));
        assertTrue(ok(Commands.targetState("a", TargetState.STOPPED)));
        assertTrue(ok(Commands.positions("a", null, null, Map.of(p, new RecordOffset(Map.of("pos", 0L))))));
        assertEquals(0L, state.positions("a").get(p).getOffset().get("pos"));
        assertTrue(ok(Commands.deletePositions("a")));
        assertTrue(state.positions("a").isEmpty());
    }

    @Test
    void aStoppedConnectorsUnitsKeepTheirHolderUntilReleased() {
        createWithTasks("a", 1);
        Unit task = new Unit("a", 0);
        assertTrue(ok(Commands.assign(state.generation(), Map.of(task, "w2"))));
        assertTrue(ok(Commands.hold(task, "w2")));
        assertTrue(ok(Commands.targetState("a", TargetState.STOPPED)));
        assertEquals(new Slot(null, "w2", 0), state.slots().get(task), "unassigned, still held");
        assertEquals(State.STOPPED, state.status(Unit.instance("a")).orElseThrow().status().state());
        // resumed at once: the task comes back, but nobody may run it before w2 let go
        assertTrue(ok(Commands.targetState("a", TargetState.STARTED)));
        assertTrue(ok(Commands.assign(state.generation(), Map.of(Unit.instance("a"), "w1"))));
        assertTrue(ok(Commands.hold(Unit.instance("a"), "w1")));
        assertTrue(ok(Commands.taskConfigs("a", "w1", List.of(Map.of("task", "0")))));
        assertTrue(ok(Commands.assign(state.generation(), Map.of(task, "w1"))));
        assertFalse(ok(Commands.hold(task, "w1")));
        assertTrue(ok(Commands.release(task, "w2")));
        assertTrue(ok(Commands.hold(task, "w1")));
    }

    @Test
    void onlyTheHolderReportsStatusAndPlansTasks() {
        createWithTasks("a", 1);
        assertFalse(ok(Commands.taskConfigs("a", "w2", List.of())), "w2 does not hold the instance");
        assertFalse(ok(Commands.status(Unit.instance("a"), "w2", Status.of(State.RUNNING), 1)));
        assertTrue(ok(Commands.status(Unit.instance("a"), "w1", Status.of(State.RUNNING), 5)));
        assertEquals(new ReportedStatus(Status.of(State.RUNNING), "w1"), state.status(Unit.instance("a")).orElseThrow());
        // a late copy of an older status (re-sent while its first copy was in flight) does not undo a newer one
        assertTrue(ok(Commands.status(Unit.instance("a"), "w1", Status.of(State.PAUSED), 7)));
        assertFalse(ok(Commands.status(Unit.instance("a"), "w1", Status.of(State.RUNNING), 5)));
        assertFalse(ok(Commands.status(Unit.instance("a"), "w1", Status.of(State.RUNNING), 6)));
        assertEquals(State.PAUSED, state.status(Unit.instance("a")).orElseThrow().status().state());
    }

    @Test
    void aMalformedCommandIsRefusedAndTheLogGoesOn() {
        JSONObject bad = new JSONObject();
        bad.put("id", "x");
        bad.put("type", "target");
        bad.put("name", "a");
        bad.put("state", "SIDEWAYS");
        assertTrue(ok(Commands.putConnector(new StoredConnector("a", Map.of(), TargetState.STARTED, List.of()), true)));
        assertFalse(ok(bad));
        assertTrue(ok(Commands.barrier()));
    }

    @Test
    void aSnapshotRestoresEverything() throws Exception {
        createWithTasks("a", 2);
        assertTrue(ok(Commands.heartbeat("w1", "http://w1", 3, 42)));
        RecordPartition p = new RecordPartition(Map.of("file", "in"));
        assertTrue(ok(Commands.assign(state.generation(), Map.of(new Unit("a", 1), "w1"))));
        assertTrue(ok(Commands.hold(new Unit("a", 1), "w1")));
        assertTrue(ok(Commands.positions("a", new Unit("a", 1), "w1", Map.of(p, new RecordOffset(Map.of("pos", 5L))))));
        assertTrue(ok(Commands.topic("a", "t1")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        state.writeContentTo(new DataOutputStream(bytes));

        ClusterState restored = new ClusterState(clock::get);
        restored.readContentFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(state.connectors(), restored.connectors());
        assertEquals(state.slots(), restored.slots());
        assertEquals(state.generation(), restored.generation());
        assertEquals(state.members(), restored.members());
        assertEquals(state.positions("a"), restored.positions("a"));
        assertEquals(Long.class, restored.positions("a").get(p).getOffset().get("pos").getClass());
        assertEquals(java.util.Set.of("t1"), restored.activeTopics("a"));
        assertNull(restored.status(new Unit("a", 0)).orElse(null));
    }

    @Test
    void activeTopicsAreKeptPerConnectorUntilResetOrDeleted() {
        createWithTasks("a", 1);
        List<String> resets = new java.util.ArrayList<>();
        state.addListener(new ClusterState.Listener() {
            @Override
            public void applied(String commandType, java.util.Set<String> connectors) {
            }

            @Override
            public void topicsReset(String connector) {
                resets.add(connector);
            }
        });
        assertTrue(ok(Commands.topic("a", "t2")));
        assertTrue(ok(Commands.topic("a", "t1")));
        assertTrue(ok(Commands.topic("a", "t1")));
        assertTrue(ok(Commands.topic("gone", "t1")), "a late report of a deleted connector is dropped, not refused");
        assertEquals(List.of("t1", "t2"), List.copyOf(state.activeTopics("a")));
        assertTrue(state.activeTopics("gone").isEmpty());
        assertTrue(ok(Commands.resetTopics("a")));
        assertTrue(state.activeTopics("a").isEmpty());
        assertEquals(List.of("a"), resets, "every worker hears of the reset: its tasks report their topics again");
        assertTrue(ok(Commands.topic("a", "t3")));
        assertTrue(ok(Commands.removeConnector("a")));
        assertTrue(state.activeTopics("a").isEmpty());
    }
}
