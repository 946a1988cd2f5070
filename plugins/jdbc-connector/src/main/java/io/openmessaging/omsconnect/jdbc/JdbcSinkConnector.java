package io.openmessaging.omsconnect.jdbc;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.task.Task;
import io.openmessaging.connector.api.component.task.sink.SinkConnector;
import io.openmessaging.internal.DefaultKeyValue;

import java.util.ArrayList;
import java.util.List;

/**
 * JDBC sink: upserts/deletes change records into PostgreSQL or MariaDB/MySQL tables, creating them
 * from the record schema when missing. {@link #validate} opens (and closes) a connection.
 */
public class JdbcSinkConnector extends SinkConnector {

    private KeyValue config;

    @Override
    public void validate(KeyValue config) {
        try (ChangeWriter w = new ChangeWriter(JdbcSinkConfig.from(config))) {
            w.open();
        }
    }

    @Override
    public void start(KeyValue config) {
        JdbcSinkConfig.from(config);
        this.config = config;
    }

    @Override
    public List<KeyValue> taskConfigs(int maxTasks) {
        List<KeyValue> out = new ArrayList<>();
        for (int i = 0; i < Math.max(1, maxTasks); i++) {
            KeyValue copy = new DefaultKeyValue();
            for (String k : config.keySet()) {
                copy.put(k, config.getString(k));
            }
            out.add(copy);
        }
        return out;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSinkTask.class;
    }

    @Override
    public void stop() {
        config = null;
    }
}
