package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.task.Task;
import io.openmessaging.connector.api.component.task.source.SourceConnector;
import io.openmessaging.omsconnect.api.config.ConfigDeclaring;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import java.util.List;

/**
 * Reads a file line by line into a topic, following it as it grows.
 *
 * <p>Config: {@code file} (required), {@code connect-topicname} (required; also
 * {@code connect.topicname} or {@code topic}), {@code batch-size} (lines per poll, default 2000).
 * Always one task. See {@link FileSourceTask} for the records.
 */
public class FileSourceConnector extends SourceConnector implements ConfigDeclaring {

    private final SingleTaskLifecycle lifecycle = new SingleTaskLifecycle(SourceConfig::from);

    @Override
    public ConfigDef config() {
        return SourceConfig.DEFINITION;
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
        return FileSourceTask.class;
    }
}
