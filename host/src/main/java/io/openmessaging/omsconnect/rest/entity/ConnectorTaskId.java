package io.openmessaging.omsconnect.rest.entity;

/** Kafka Connect's {@code {"connector": "...", "task": 0}}. */
public record ConnectorTaskId(String connector, int task) implements Comparable<ConnectorTaskId> {
    @Override
    public int compareTo(ConnectorTaskId o) {
        int c = connector.compareTo(o.connector);
        return c != 0 ? c : Integer.compare(task, o.task);
    }

    @Override
    public String toString() {
        return connector + "-" + task;
    }
}
