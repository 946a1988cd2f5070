package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;

import java.util.Map;

/** What the source and sink task contexts of the connector API have in common. */
abstract class TaskContextBase {
    private final ConnectorTaskId id;
    private final Map<String, String> taskConfig;

    TaskContextBase(ConnectorTaskId id, Map<String, String> taskConfig) {
        this.id = id;
        this.taskConfig = taskConfig;
    }

    public String getConnectorName() {
        return id.connector();
    }

    public String getTaskName() {
        return id.toString();
    }

    public KeyValue configs() {
        return KeyValues.of(taskConfig);
    }
}
