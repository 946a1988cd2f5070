package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.errors.ConnectException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The file sink's settings.
 *
 * @param file   the file lines are appended to, absolute
 * @param topics the topics the worker subscribes the sink to ({@code connect-topicnames},
 *               {@code connect.topicnames} or {@code topics}; a comma list)
 * @param fsync  whether {@code flush} also forces the data to the disk ({@code fsync}, default false)
 */
record SinkConfig(Path file, List<String> topics, boolean fsync) {

    static final String TOPICS = "connect-topicnames";
    static final String FSYNC = "fsync";

    /** Parses and checks {@code config}; the ConnectException names the missing or invalid key. */
    static SinkConfig from(KeyValue config) throws ConnectException {
        ConfigReader reader = new ConfigReader(config);
        Path file = FilePathSetting.read(reader);
        List<String> topics = Arrays.stream(reader.required(TOPICS, "connect.topicnames", "topics").split(","))
            .map(String::trim)
            .filter(topic -> !topic.isEmpty())
            .toList();
        if (topics.isEmpty()) {
            throw new ConnectException("invalid config '" + TOPICS + "': no topic named");
        }
        return new SinkConfig(file, topics, reader.bool(false, FSYNC));
    }
}
