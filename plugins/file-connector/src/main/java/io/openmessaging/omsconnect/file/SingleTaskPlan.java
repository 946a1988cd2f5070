package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.internal.DefaultKeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The task plan of a file connector: one task, whatever {@code maxTasks} is, because a file is read
 * (or written) in order by one reader (or writer) and cannot be split.
 */
final class SingleTaskPlan {

    private SingleTaskPlan() {
    }

    /** One task config: a copy of the connector's config, so the worker may change it freely. */
    static List<KeyValue> of(KeyValue connectorConfig) {
        if (connectorConfig == null) {
            throw new ConnectException("the connector is not started: no config to give its task");
        }
        KeyValue copy = new DefaultKeyValue();
        for (String key : connectorConfig.keySet()) {
            copy.put(key, connectorConfig.getString(key));
        }
        List<KeyValue> plan = new ArrayList<>(1);
        plan.add(copy);
        return plan;
    }
}
