package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.task.Task;
import io.openmessaging.connector.api.component.task.sink.SinkConnector;
import java.util.List;

/**
 * Appends the records of topics to a file, one line each, in order.
 *
 * <p>Config: {@code file} (required), {@code connect-topicnames} (required, comma list; also
 * {@code connect.topicnames} or {@code topics}), {@code fsync} (force to disk on each flush,
 * default false). Always one task. See {@link FileSinkTask} for how data becomes a line.
 */
public class FileSinkConnector extends SinkConnector {

    private KeyValue config;

    @Override
    public void validate(KeyValue config) {
        SinkConfig.from(config);
    }

    @Override
    public void start(KeyValue config) {
        SinkConfig.from(config);
        this.config = config;
    }

    @Override
    public void stop() {
        config = null;
    }

    @Override
    public List<KeyValue> taskConfigs(int maxTasks) {
        return SingleTaskPlan.of(config);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FileSinkTask.class;
    }
}
