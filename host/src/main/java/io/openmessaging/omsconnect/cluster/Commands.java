package io.openmessaging.omsconnect.cluster;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.omsconnect.store.PositionValues;
import io.openmessaging.omsconnect.store.StoredConnector;
import io.openmessaging.omsconnect.store.TargetState;
import io.openmessaging.omsconnect.worker.Status;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The commands of the replicated log, as JSON objects: {@code {"id", "type", ...}}. Each is checked by
 * {@link ClusterState} when applied, so a command decided on an outdated view (a stale leader, a fenced
 * worker) is refused the same way on every worker.
 */
public final class Commands {
    private Commands() {
    }

    private static JSONObject command(String type) {
        JSONObject o = new JSONObject();
        o.put("id", UUID.randomUUID().toString());
        o.put("type", type);
        return o;
    }

    private static JSONObject unitCommand(String type, Unit unit, String worker) {
        JSONObject o = command(type);
        o.put("connector", unit.connector());
        o.put("task", unit.task());
        o.put("worker", worker);
        return o;
    }

    /** @param create true: refused when the connector exists; false: creates or replaces */
    public static JSONObject putConnector(StoredConnector c, boolean create) {
        return putConnector(c, create, null);
    }

    /** @param initialPositions a created connector's positions, replacing any its name left (null: keep them) */
    public static JSONObject putConnector(StoredConnector c, boolean create,
                                          Map<RecordPartition, RecordOffset> initialPositions) {
        JSONObject o = command("put");
        o.putAll(c.toJson());
        o.put("create", create);
        if (initialPositions != null) {
            o.put("initialPositions", PositionValues.toJson(initialPositions));
        }
        return o;
    }

    public static JSONObject removeConnector(String name) {
        JSONObject o = command("remove");
        o.put("name", name);
        return o;
    }

    public static JSONObject targetState(String name, TargetState state) {
        JSONObject o = command("target");
        o.put("name", name);
        o.put("state", state.name());
        return o;
    }

    /** Only the worker holding the connector's instance may plan its tasks. */
    public static JSONObject taskConfigs(String name, String worker, List<Map<String, String>> taskConfigs) {
        JSONObject o = unitCommand("tasks", Unit.instance(name), worker);
        o.put("taskConfigs", taskConfigs);
        return o;
    }

    public static JSONObject heartbeat(String worker, String restUrl, long seq, long wallMillis) {
        JSONObject o = command("heartbeat");
        o.put("worker", worker);
        o.put("url", restUrl);
        o.put("seq", seq);
        o.put("millis", wallMillis);
        return o;
    }

    /** Refused when the worker heartbeated after {@code seq}: the expiry was decided on old news. */
    public static JSONObject expire(String worker, long seq) {
        JSONObject o = command("expire");
        o.put("worker", worker);
        o.put("seq", seq);
        return o;
    }

    /** A worker leaving on purpose, after it stopped and released everything. */
    public static JSONObject leave(String worker) {
        JSONObject o = command("leave");
        o.put("worker", worker);
        return o;
    }

    /** Refused unless {@code generation} is the current one: a deposed leader's assignment never lands. */
    public static JSONObject assign(long generation, Map<Unit, String> owners) {
        JSONObject o = command("assign");
        o.put("generation", generation);
        JSONArray changes = new JSONArray();
        owners.forEach((unit, owner) -> {
            JSONObject c = new JSONObject();
            c.put("connector", unit.connector());
            c.put("task", unit.task());
            c.put("owner", owner);
            changes.add(c);
        });
        o.put("changes", changes);
        return o;
    }

    public static JSONObject hold(Unit unit, String worker) {
        return unitCommand("hold", unit, worker);
    }

    public static JSONObject release(Unit unit, String worker) {
        return unitCommand("release", unit, worker);
    }

    /** @param seq increasing per worker: a status with a lower one than the last taken is a late copy */
    public static JSONObject status(Unit unit, String worker, Status status, long seq) {
        JSONObject o = unitCommand("status", unit, worker);
        o.put("seq", seq);
        o.put("state", status.state().name());
        o.put("trace", status.trace());
        return o;
    }

    public static JSONObject restart(Unit unit) {
        return unitCommand("restart", unit, null);
    }

    /** @param writer the task writing them (refused unless it holds that task), or null for an administrator */
    public static JSONObject positions(String connector, Unit writer, String worker,
                                       Map<RecordPartition, RecordOffset> updates) {
        JSONObject o = command("positions");
        o.put("name", connector);
        if (writer != null) {
            o.put("connector", writer.connector());
            o.put("task", writer.task());
            o.put("worker", worker);
        }
        o.put("updates", PositionValues.toJson(updates));
        return o;
    }

    public static JSONObject deletePositions(String connector) {
        JSONObject o = command("deletePositions");
        o.put("name", connector);
        return o;
    }

    /** Changes nothing: once applied here, this worker has seen everything committed before it was sent. */
    public static JSONObject barrier() {
        return command("barrier");
    }

    /** A log level for every worker (Kafka's {@code PUT /admin/loggers/{namespace}?scope=cluster}). */
    /** A connector's task used {@code topic} (KIP-558). */
    public static JSONObject topic(String connector, String topic) {
        JSONObject o = command("topic");
        o.put("name", connector);
        o.put("topic", topic);
        return o;
    }

    /** Forgets the topics a connector used. */
    public static JSONObject resetTopics(String connector) {
        JSONObject o = command("resetTopics");
        o.put("name", connector);
        return o;
    }

    public static JSONObject logLevel(String namespace, String level, long atMillis) {
        JSONObject o = command("logLevel");
        o.put("namespace", namespace);
        o.put("level", level);
        o.put("at", atMillis);
        return o;
    }
}
