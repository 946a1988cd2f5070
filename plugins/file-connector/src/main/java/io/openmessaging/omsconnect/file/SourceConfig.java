package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.errors.ConnectException;
import java.nio.file.Path;

/**
 * The file source's settings.
 *
 * @param file      the file to read, absolute
 * @param topic     the topic records go to ({@code connect-topicname}, {@code connect.topicname} or {@code topic})
 * @param batchSize the most lines one {@code poll()} returns ({@code batch-size}, default 2000)
 */
record SourceConfig(Path file, String topic, int batchSize) {

    static final String TOPIC = "connect-topicname";
    static final String BATCH_SIZE = "batch-size";
    static final int DEFAULT_BATCH_SIZE = 2000;

    /** Parses and checks {@code config}; the ConnectException names the missing or invalid key. */
    static SourceConfig from(KeyValue config) throws ConnectException {
        ConfigReader reader = new ConfigReader(config);
        return new SourceConfig(
            FilePathSetting.read(reader),
            reader.required(TOPIC, "connect.topicname", "topic"),
            reader.positiveInt(DEFAULT_BATCH_SIZE, BATCH_SIZE, "batch.size"));
    }
}
