package io.openmessaging.omsconnect.cluster;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import com.alibaba.fastjson2.TypeReference;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.omsconnect.store.ReportedStatus;
import io.openmessaging.omsconnect.store.OffsetStore;
import io.openmessaging.omsconnect.store.PositionValues;
import io.openmessaging.omsconnect.store.StoredConnector;
import io.openmessaging.omsconnect.store.TargetState;
import io.openmessaging.omsconnect.worker.State;
import io.openmessaging.omsconnect.worker.Status;
import org.jgroups.raft.StateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInput;
import java.io.DataOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The cluster's replicated state, applied from the Raft log in the same order on every worker: connector
 * configs and target states, task configs, who owns and who holds each unit, the assignment's generation,
 * the members and their heartbeats, statuses and source positions. Every command is checked here, so the
 * same command is accepted or refused alike everywhere. Reads are from memory.
 *
 * <p>One thing is local and not replicated: when this worker applied each member's last heartbeat, on its
 * monotonic clock. A leader decides a lease ran out from it. Since an entry is applied only after the
 * worker sent it, a lease always runs out later here than on the worker that holds it.
 */
public final class ClusterState implements StateMachine {
    private static final Logger log = LoggerFactory.getLogger(ClusterState.class);

    private final LongSupplier nanoClock;
    private final Map<String, StoredConnector> connectors = new TreeMap<>();
    private final Map<Unit, Slot> slots = new TreeMap<>();
    private final Map<String, Member> members = new TreeMap<>();
    private final Map<Unit, ReportedStatus> statuses = new HashMap<>();
    /** The worker's sequence number of each unit's last status: a late or repeated copy is refused. */
    private final Map<Unit, Long> statusSeq = new HashMap<>();
    private final Map<String, Map<RecordPartition, RecordOffset>> positions = new HashMap<>();
    /** connector → the topics its tasks used since it was created or its topics were reset (KIP-558) */
    private final Map<String, java.util.SortedSet<String>> activeTopics = new HashMap<>();
    private long generation;
    private final Map<String, Long> heartbeatSeenNanos = new HashMap<>();
    private final Map<String, CompletableFuture<JSONObject>> waiting = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public ClusterState(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Completes with the command's result once this worker applied it (the command's {@code id}). */
    CompletableFuture<JSONObject> awaitApplied(String commandId) {
        return waiting.computeIfAbsent(commandId, k -> new CompletableFuture<>());
    }

    void forget(String commandId) {
        waiting.remove(commandId);
    }

    // ---- applying ----

    @Override
    public byte[] apply(byte[] data, int offset, int length, boolean serializeResponse) {
        JSONObject command = JSON.parseObject(new String(data, offset, length, StandardCharsets.UTF_8));
        JSONObject result;
        Set<String> touched = new TreeSet<>();
        synchronized (this) {
            try {
                result = dispatch(command, touched);
            } catch (RuntimeException e) {
                // a malformed command must not stop the log: it is refused like an invalid one
                log.warn("Refused malformed cluster command {}: {}", command.getString("type"), e.toString());
                result = refused("malformed command: " + e.getMessage());
            }
        }
        CompletableFuture<JSONObject> waiter = waiting.remove(command.getString("id"));
        if (waiter != null) {
            waiter.complete(result);
        }
        for (Listener l : listeners) {
            try {
                l.applied(command.getString("type"), touched);
            } catch (RuntimeException e) {
                log.warn("A cluster state listener failed: {}", e.toString());
            }
        }
        return serializeResponse ? JSON.toJSONBytes(result) : null;
    }

    private JSONObject dispatch(JSONObject c, Set<String> touched) {
        String type = c.getString("type");
        return switch (type) {
            case "put" -> put(c, touched);
            case "remove" -> remove(c.getString("name"), touched);
            case "target" -> target(c.getString("name"), TargetState.valueOf(c.getString("state")), touched);
            case "tasks" -> taskConfigs(c, touched);
            case "heartbeat" -> heartbeat(c);
            case "expire" -> expire(c.getString("worker"), c.getLongValue("seq"), touched);
            case "leave" -> leave(c.getString("worker"), touched);
            case "assign" -> assign(c);
            case "hold" -> hold(unitOf(c), c.getString("worker"));
            case "release" -> release(unitOf(c), c.getString("worker"));
            case "status" -> status(c);
            case "restart" -> restart(unitOf(c));
            case "positions" -> positions(c);
            case "deletePositions" -> {
                JSONObject refused = unlessStopped(c.getString("name"));
                if (refused == null) {
                    positions.remove(c.getString("name"));
                }
                yield refused == null ? ok() : refused;
            }
            case "topic" -> {
                if (connectors.containsKey(c.getString("name"))) {
                    activeTopics.computeIfAbsent(c.getString("name"), n -> new TreeSet<>()).add(c.getString("topic"));
                }
                yield ok();
            }
            case "resetTopics" -> {
                activeTopics.remove(c.getString("name"));
                for (Listener l : listeners) {
                    l.topicsReset(c.getString("name"));
                }
                yield ok();
            }
            case "barrier" -> ok();
            case "logLevel" -> {
                for (Listener l : listeners) {
                    l.logLevel(c.getString("namespace"), c.getString("level"), c.getLongValue("at"));
                }
                yield ok();
            }
            default -> refused("unknown command " + type);
        };
    }

    private JSONObject put(JSONObject c, Set<String> touched) {
        String name = c.getString("name");
        StoredConnector existing = connectors.get(name);
        if (existing != null && c.getBooleanValue("create")) {
            return refused("connector " + name + " already exists");
        }
        StoredConnector asked = StoredConnector.fromJson(c);
        TargetState target = existing != null ? existing.targetState() : asked.targetState();
        // a new config plans its tasks anew: the instance's holder restarts it and writes them
        connectors.put(name, new StoredConnector(name, asked.config(), target, List.of()));
        if (existing == null && c.containsKey("initialPositions")) {
            positions.put(name, PositionValues.fromJson(c.getJSONArray("initialPositions")));
        }
        if (target == TargetState.STOPPED) {
            statuses.put(Unit.instance(name), new ReportedStatus(Status.of(State.STOPPED), null));
        }
        retireUnwanted();
        touched.add(name);
        JSONObject r = ok();
        r.put("created", existing == null);
        return r;
    }

    private JSONObject remove(String name, Set<String> touched) {
        if (connectors.remove(name) == null) {
            return refused("connector " + name + " not found");
        }
        statuses.keySet().removeIf(u -> u.connector().equals(name));
        activeTopics.remove(name);
        retireUnwanted();
        touched.add(name);
        return ok();
    }

    private JSONObject target(String name, TargetState state, Set<String> touched) {
        StoredConnector c = connectors.get(name);
        if (c == null) {
            return refused("connector " + name + " not found");
        }
        StoredConnector next = c.withTargetState(state);
        if (state == TargetState.STOPPED) {
            next = next.withTaskConfigs(List.of());
            statuses.keySet().removeIf(u -> u.connector().equals(name));
            statuses.put(Unit.instance(name), new ReportedStatus(Status.of(State.STOPPED), null));
        }
        connectors.put(name, next);
        retireUnwanted();
        touched.add(name);
        return ok();
    }

    private JSONObject taskConfigs(JSONObject c, Set<String> touched) {
        Unit instance = unitOf(c);
        String worker = c.getString("worker");
        StoredConnector stored = connectors.get(instance.connector());
        if (stored == null || stored.targetState() == TargetState.STOPPED) {
            return refused("connector " + instance.connector() + " is gone or stopped");
        }
        if (!worker.equals(holderOf(instance))) {
            return refused("worker " + worker + " does not hold connector " + instance.connector());
        }
        List<Map<String, String>> tasks = c.getObject("taskConfigs",
                new TypeReference<List<Map<String, String>>>() {
                });
        connectors.put(stored.name(), stored.withTaskConfigs(tasks));
        statuses.keySet().removeIf(u -> u.connector().equals(stored.name()) && !u.isInstance() && u.task() >= tasks.size());
        retireUnwanted();
        touched.add(stored.name());
        return ok();
    }

    private JSONObject heartbeat(JSONObject c) {
        String worker = c.getString("worker");
        members.put(worker, new Member(worker, c.getString("url"), c.getLongValue("seq"), c.getLongValue("millis")));
        heartbeatSeenNanos.put(worker, nanoClock.getAsLong());
        return ok();
    }

    private JSONObject expire(String worker, long seq, Set<String> touched) {
        Member m = members.get(worker);
        if (m == null || m.heartbeatSeq() != seq) {
            return refused("worker " + worker + " renewed its lease");
        }
        log.info("Worker {}'s lease ran out: its units are released", worker);
        return leave(worker, touched);
    }

    private JSONObject leave(String worker, Set<String> touched) {
        members.remove(worker);
        heartbeatSeenNanos.remove(worker);
        slots.replaceAll((unit, slot) -> {
            Slot s = slot;
            if (worker.equals(s.holder())) {
                s = s.withHolder(null);
                touched.add(unit.connector());
            }
            if (worker.equals(s.owner())) {
                s = s.withOwner(null);
            }
            return s;
        });
        statuses.replaceAll((unit, st) -> worker.equals(st.workerId())
                ? new ReportedStatus(Status.UNASSIGNED, null) : st);
        retireUnwanted();
        return ok();
    }

    private JSONObject assign(JSONObject c) {
        long expected = c.getLongValue("generation");
        if (expected != generation) {
            return refused("assignment of generation " + expected + " is stale (now " + generation + ")");
        }
        generation++;
        Set<Unit> wanted = wantedUnits();
        JSONArray changes = c.getJSONArray("changes");
        for (int i = 0; i < changes.size(); i++) {
            JSONObject ch = changes.getJSONObject(i);
            Unit unit = new Unit(ch.getString("connector"), ch.getIntValue("task"));
            String owner = ch.getString("owner");
            if (owner != null && !wanted.contains(unit)) {
                continue; // the connector changed since the leader planned this
            }
            Slot slot = slots.getOrDefault(unit, Slot.EMPTY).withOwner(owner);
            slots.put(unit, slot);
        }
        retireUnwanted();
        JSONObject r = ok();
        r.put("generation", generation);
        return r;
    }

    private JSONObject hold(Unit unit, String worker) {
        Slot slot = slots.get(unit);
        if (slot == null || !worker.equals(slot.owner())) {
            return refused(unit + " is not assigned to " + worker);
        }
        if (slot.holder() != null && !slot.holder().equals(worker)) {
            return refused(unit + " still runs on " + slot.holder());
        }
        slots.put(unit, slot.withHolder(worker));
        return ok();
    }

    private JSONObject release(Unit unit, String worker) {
        Slot slot = slots.get(unit);
        if (slot == null || !worker.equals(slot.holder())) {
            return refused(unit + " is not held by " + worker);
        }
        slots.put(unit, slot.withHolder(null));
        retireUnwanted();
        return ok();
    }

    private JSONObject status(JSONObject c) {
        Unit unit = unitOf(c);
        String worker = c.getString("worker");
        if (!worker.equals(holderOf(unit))) {
            return refused(unit + " is not held by " + worker);
        }
        long seq = c.getLongValue("seq");
        ReportedStatus last = statuses.get(unit);
        if (last != null && worker.equals(last.workerId()) && seq <= statusSeq.getOrDefault(unit, 0L)) {
            return refused("an older status of " + unit + " from " + worker); // a late copy
        }
        statuses.put(unit, new ReportedStatus(new Status(State.valueOf(c.getString("state")), c.getString("trace")), worker));
        statusSeq.put(unit, seq);
        return ok();
    }

    private JSONObject restart(Unit unit) {
        Slot slot = slots.get(unit);
        if (slot == null) {
            return refused(unit + " is not assigned");
        }
        slots.put(unit, slot.restarted());
        return ok();
    }

    private JSONObject positions(JSONObject c) {
        String name = c.getString("name");
        if (c.containsKey("worker")) {
            Unit writer = unitOf(c);
            String worker = c.getString("worker");
            if (!worker.equals(holderOf(writer))) {
                JSONObject r = refused("task " + writer + " is no longer held by " + worker + ": positions refused");
                r.put("fenced", true);
                return r;
            }
        } else {
            JSONObject refused = unlessStopped(name);
            if (refused != null) {
                return refused;
            }
        }
        positions.put(name, OffsetStore.merged(positions.getOrDefault(name, Map.of()),
                PositionValues.fromJson(c.getJSONArray("updates"))));
        return ok();
    }

    /** An administrator changes positions only while no task of the connector may write them. */
    private JSONObject unlessStopped(String name) {
        StoredConnector c = connectors.get(name);
        if (c == null || c.targetState() != TargetState.STOPPED) {
            return refused("connector " + name + " is not STOPPED");
        }
        return null;
    }

    /** The units the configs call for: each connector not STOPPED, its instance and its planned tasks. */
    private Set<Unit> wantedUnits() {
        Set<Unit> wanted = new TreeSet<>();
        for (StoredConnector c : connectors.values()) {
            if (c.targetState() != TargetState.STOPPED) {
                wanted.add(Unit.instance(c.name()));
                for (int i = 0; i < c.taskConfigs().size(); i++) {
                    wanted.add(new Unit(c.name(), i));
                }
            }
        }
        return wanted;
    }

    /** Unwanted units lose their owner at once, and their slot once nobody holds them any more. */
    private void retireUnwanted() {
        Set<Unit> wanted = wantedUnits();
        slots.entrySet().removeIf(e -> !wanted.contains(e.getKey()) && e.getValue().holder() == null);
        slots.replaceAll((unit, slot) -> wanted.contains(unit) ? slot : slot.withOwner(null));
    }

    private String holderOf(Unit unit) {
        Slot s = slots.get(unit);
        return s == null ? null : s.holder();
    }

    private static Unit unitOf(JSONObject c) {
        return new Unit(c.getString("connector"), c.getIntValue("task"));
    }

    private static JSONObject ok() {
        JSONObject r = new JSONObject();
        r.put("ok", true);
        return r;
    }

    private static JSONObject refused(String why) {
        JSONObject r = new JSONObject();
        r.put("ok", false);
        r.put("error", why);
        return r;
    }

    // ---- reads ----

    public synchronized List<StoredConnector> connectors() {
        return List.copyOf(connectors.values());
    }

    public synchronized Optional<StoredConnector> connector(String name) {
        return Optional.ofNullable(connectors.get(name));
    }

    public synchronized Map<Unit, Slot> slots() {
        return new TreeMap<>(slots);
    }

    public synchronized Set<Unit> wanted() {
        return wantedUnits();
    }

    public synchronized long generation() {
        return generation;
    }

    public synchronized Map<String, Member> members() {
        return new TreeMap<>(members);
    }

    /** When this worker applied the member's last heartbeat (its monotonic clock), if it did. */
    public synchronized Optional<Long> heartbeatSeenNanos(String worker) {
        return Optional.ofNullable(heartbeatSeenNanos.get(worker));
    }

    public synchronized Optional<ReportedStatus> status(Unit unit) {
        return Optional.ofNullable(statuses.get(unit));
    }

    public synchronized Map<RecordPartition, RecordOffset> positions(String connector) {
        return Map.copyOf(positions.getOrDefault(connector, Map.of()));
    }

    /** The topics the connector's tasks used, on any worker (KIP-558). */
    public synchronized java.util.SortedSet<String> activeTopics(String connector) {
        return new TreeSet<>(activeTopics.getOrDefault(connector, new TreeSet<>()));
    }

    public synchronized RecordOffset position(String connector, RecordPartition partition) {
        return positions.getOrDefault(connector, Map.of()).get(partition);
    }

    // ---- snapshots ----

    @Override
    public synchronized void writeContentTo(DataOutput out) throws Exception {
        JSONObject root = new JSONObject();
        JSONArray cs = new JSONArray();
        for (StoredConnector c : connectors.values()) {
            cs.add(c.toJson());
        }
        root.put("connectors", cs);
        JSONArray ss = new JSONArray();
        slots.forEach((u, s) -> {
            JSONObject o = unitJson(u);
            o.put("owner", s.owner());
            o.put("holder", s.holder());
            o.put("restarts", s.restarts());
            ss.add(o);
        });
        root.put("slots", ss);
        root.put("members", new ArrayList<>(members.values()));
        JSONArray st = new JSONArray();
        statuses.forEach((u, s) -> {
            JSONObject o = unitJson(u);
            o.put("state", s.status().state().name());
            o.put("trace", s.status().trace());
            o.put("worker", s.workerId());
            o.put("seq", statusSeq.getOrDefault(u, 0L));
            st.add(o);
        });
        root.put("statuses", st);
        JSONObject ps = new JSONObject();
        positions.forEach((name, map) -> ps.put(name, PositionValues.toJson(map)));
        root.put("positions", ps);
        JSONObject ts = new JSONObject();
        activeTopics.forEach((name, topics) -> ts.put(name, new ArrayList<>(topics)));
        root.put("activeTopics", ts);
        root.put("generation", generation);
        byte[] bytes = JSON.toJSONBytes(root);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    @Override
    public void readContentFrom(DataInput in) throws Exception {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        JSONObject root = JSON.parseObject(new String(bytes, StandardCharsets.UTF_8));
        synchronized (this) {
            connectors.clear();
            slots.clear();
            members.clear();
            statuses.clear();
            statusSeq.clear();
            positions.clear();
            activeTopics.clear();
            for (Object item : root.getJSONArray("connectors")) {
                StoredConnector c = StoredConnector.fromJson((JSONObject) item);
                connectors.put(c.name(), c);
            }
            for (Object item : root.getJSONArray("slots")) {
                JSONObject o = (JSONObject) item;
                slots.put(unitOf(o), new Slot(o.getString("owner"), o.getString("holder"), o.getIntValue("restarts")));
            }
            for (Object item : root.getJSONArray("members")) {
                JSONObject o = (JSONObject) item;
                Member m = new Member(o.getString("id"), o.getString("restUrl"), o.getLongValue("heartbeatSeq"),
                        o.getLongValue("heartbeatMillis"));
                members.put(m.id(), m);
                // seen now: a lease restored from a snapshot gets a whole lease from here, never less
                heartbeatSeenNanos.put(m.id(), nanoClock.getAsLong());
            }
            for (Object item : root.getJSONArray("statuses")) {
                JSONObject o = (JSONObject) item;
                statuses.put(unitOf(o), new ReportedStatus(new Status(State.valueOf(o.getString("state")), o.getString("trace")),
                        o.getString("worker")));
                statusSeq.put(unitOf(o), o.getLongValue("seq"));
            }
            JSONObject ps = root.getJSONObject("positions");
            for (String name : ps.keySet()) {
                positions.put(name, PositionValues.fromJson(ps.getJSONArray(name)));
            }
            JSONObject ts = root.getJSONObject("activeTopics");
            if (ts != null) { // snapshots from before topic tracking have none
                for (String name : ts.keySet()) {
                    activeTopics.put(name, new TreeSet<>(ts.getList(name, String.class)));
                }
            }
            generation = root.getLongValue("generation");
        }
        for (Listener l : listeners) {
            l.applied("snapshot", new TreeSet<>(connectors.keySet()));
        }
    }

    private static JSONObject unitJson(Unit u) {
        JSONObject o = new JSONObject();
        o.put("connector", u.connector());
        o.put("task", u.task());
        return o;
    }

    /** Told after each applied command, on the Raft thread: hand work off, never block. */
    public interface Listener {
        /** @param connectors the connectors whose config, target state, tasks or holders changed */
        void applied(String commandType, Set<String> connectors);

        /**
         * A log level set for the whole cluster at {@code atMillis} (wall clock of the worker that asked). Not
         * part of the state: a worker that replays the log after a restart sees old ones again.
         */
        default void logLevel(String namespace, String level, long atMillis) {
        }

        /** The connector's active topics were reset: tasks report the topics they use again. */
        default void topicsReset(String connector) {
        }
    }
}
