package io.openmessaging.omsconnect.worker;

import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The current status of every connector and task this worker runs; the one place statuses change. A
 * cluster's herder listens to publish them to the other workers.
 */
public final class StatusTracker {
    private final Map<String, Status> connectors = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, Status> tasks = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void connector(String name, Status status) {
        connectors.put(name, status);
        listeners.forEach(l -> l.connectorStatus(name, status));
    }

    public void task(ConnectorTaskId id, Status status) {
        tasks.put(id, status);
        listeners.forEach(l -> l.taskStatus(id, status));
    }

    public Status connector(String name) {
        return connectors.getOrDefault(name, Status.UNASSIGNED);
    }

    public Status task(ConnectorTaskId id) {
        return tasks.getOrDefault(id, Status.UNASSIGNED);
    }

    public void forget(String connector) {
        connectors.remove(connector);
        tasks.keySet().removeIf(id -> id.connector().equals(connector));
    }

    /** Told of every status change, on the thread that made it: keep it short. */
    public interface Listener {
        void connectorStatus(String connector, Status status);

        void taskStatus(ConnectorTaskId task, Status status);
    }
}
