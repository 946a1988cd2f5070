package io.openmessaging.omsconnect.worker;

import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The current status of every connector and task of this worker; the one place statuses change. */
public final class StatusTracker {
    private final Map<String, Status> connectors = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, Status> tasks = new ConcurrentHashMap<>();

    public void connector(String name, Status status) {
        connectors.put(name, status);
    }

    public void task(ConnectorTaskId id, Status status) {
        tasks.put(id, status);
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
}
