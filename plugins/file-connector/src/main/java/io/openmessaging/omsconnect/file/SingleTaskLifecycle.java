package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.internal.DefaultKeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The connector side both file connectors share: check the config, keep it while started, and
 * plan one task from it, whatever {@code maxTasks} is, because a file is read (or written) in
 * order by one reader (or writer) and cannot be split.
 */
final class SingleTaskLifecycle {

    private final Consumer<KeyValue> check;
    private KeyValue config;

    /** @param check parses a config, throwing a ConnectException that names the missing or invalid key */
    SingleTaskLifecycle(Consumer<KeyValue> check) {
        this.check = check;
    }

    void validate(KeyValue connectorConfig) {
        check.accept(connectorConfig);
    }

    void start(KeyValue connectorConfig) {
        check.accept(connectorConfig);
        config = connectorConfig;
    }

    void stop() {
        config = null;
    }

    /** One task config: a copy of the connector's config, so the worker may change it freely. */
    List<KeyValue> taskConfigs() {
        if (config == null) {
            throw new ConnectException("the connector is not started: no config to give its task");
        }
        KeyValue copy = new DefaultKeyValue();
        for (String key : config.keySet()) {
            copy.put(key, config.getString(key));
        }
        List<KeyValue> plan = new ArrayList<>(1);
        plan.add(copy);
        return plan;
    }
}
