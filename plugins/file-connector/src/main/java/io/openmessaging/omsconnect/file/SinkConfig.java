package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

import java.nio.file.Path;
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

    static final ConfigDef DEFINITION = new ConfigDef()
        .define(FilePathSetting.key("The file the lines are appended to (created when missing)."))
        .define(ConfigKey.builder(TOPICS).aliases("connect.topicnames", "topics").type(ConfigType.LIST)
            .importance(Importance.HIGH).group(FilePathSetting.GROUP).width(Width.LONG).displayName("Topics")
            .documentation("The topics whose records are written, comma-separated.").build())
        .define(ConfigKey.builder(FSYNC).type(ConfigType.BOOLEAN).defaultValue(false).importance(Importance.LOW)
            .group(FilePathSetting.GROUP).width(Width.SHORT).displayName("fsync on flush")
            .documentation("Force the written lines to the disk at every flush (survives a power loss, costs throughput).").build());

    /** Parses and checks {@code config}; the ConnectException names the missing or invalid key. */
    static SinkConfig from(KeyValue config) throws ConnectException {
        ParsedConfig parsed = FilePathSetting.parse(DEFINITION, config);
        List<String> topics = parsed.getList(TOPICS);
        if (topics.isEmpty()) {
            throw new ConnectException("invalid config '" + parsed.spelling(TOPICS) + "': no topic named");
        }
        return new SinkConfig(FilePathSetting.path(parsed), topics, parsed.getBoolean(FSYNC));
    }
}
