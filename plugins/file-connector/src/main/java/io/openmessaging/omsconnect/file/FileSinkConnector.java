package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.task.Task;
import io.openmessaging.connector.api.component.task.sink.SinkConnector;
import io.openmessaging.omsconnect.api.config.ConfigDeclaring;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import java.util.List;

/**
 * Appends the records of topics to a file, one line each, in order.
 *
 * <p>Config: {@code file} (required), {@code connect-topicnames} (required, comma list; also
 * {@code connect.topicnames} or {@code topics}), {@code fsync} (force to disk on each flush,
 * default false). Always one task. See {@link FileSinkTask} for how data becomes a line.
 */
public class FileSinkConnector extends SinkConnector implements ConfigDeclaring {

    private final SingleTaskLifecycle lifecycle = new SingleTaskLifecycle(SinkConfig::from);

    @Override
    public ConfigDef config() {
        return SinkConfig.DEFINITION;
    }

    @Override
    public void validate(KeyValue config) {
        lifecycle.validate(config);
    }

    @Override
    public void start(KeyValue config) {
        lifecycle.start(config);
    }

    @Override
    public void stop() {
        lifecycle.stop();
    }

    @Override
    public List<KeyValue> taskConfigs(int maxTasks) {
        return lifecycle.taskConfigs();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FileSinkTask.class;
    }
}
