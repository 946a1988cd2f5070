package io.openmessaging.omsconnect.cluster;

import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;

/**
 * What the cluster assigns to one worker: a connector's instance ({@code task == -1}, it plans the tasks)
 * or one of its tasks.
 */
public record Unit(String connector, int task) implements Comparable<Unit> {
    public static final int INSTANCE = -1;

    public static Unit instance(String connector) {
        return new Unit(connector, INSTANCE);
    }

    public static Unit of(ConnectorTaskId task) {
        return new Unit(task.connector(), task.task());
    }

    public boolean isInstance() {
        return task == INSTANCE;
    }

    public ConnectorTaskId taskId() {
        if (isInstance()) {
            throw new IllegalStateException(this + " is a connector instance, not a task");
        }
        return new ConnectorTaskId(connector, task);
    }

    @Override
    public int compareTo(Unit o) {
        int c = connector.compareTo(o.connector);
        return c != 0 ? c : Integer.compare(task, o.task);
    }

    @Override
    public String toString() {
        return isInstance() ? connector : connector + "-" + task;
    }
}
