package io.openmessaging.omsconnect.mysql;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.task.Task;
import io.openmessaging.connector.api.component.task.source.SourceConnector;
import io.openmessaging.internal.DefaultKeyValue;

import java.util.List;

/**
 * MySQL/MariaDB binlog source. One task per server (a binlog is one ordered stream), whatever
 * {@code max-task} asks. {@link #validate} connects (bounded) and checks binlog, grants and tables.
 */
public class MysqlSourceConnector extends SourceConnector {

    private KeyValue config;

    @Override
    public void validate(KeyValue config) {
        ServerCheck.check(MysqlSourceConfig.from(config));
    }

    @Override
    public void start(KeyValue config) {
        MysqlSourceConfig.from(config);
        this.config = config;
    }

    @Override
    public List<KeyValue> taskConfigs(int maxTasks) {
        KeyValue copy = new DefaultKeyValue();
        for (String k : config.keySet()) {
            copy.put(k, config.getString(k));
        }
        return List.of(copy);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MysqlSourceTask.class;
    }

    @Override
    public void stop() {
        config = null;
    }
}
