package io.openmessaging.omsconnect.file;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Validator;
import io.openmessaging.omsconnect.api.config.Width;

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

    static final ConfigDef DEFINITION = new ConfigDef()
        .define(FilePathSetting.key("The file to read, line by line, following it as it grows."))
        .define(ConfigKey.builder(TOPIC).aliases("connect.topicname", "topic").importance(Importance.HIGH)
            .group(FilePathSetting.GROUP).width(Width.LONG).displayName("Topic")
            .documentation("The topic the lines are sent to.").build())
        .define(ConfigKey.builder(BATCH_SIZE).aliases("batch.size").type(ConfigType.INT).defaultValue(DEFAULT_BATCH_SIZE)
            .validator(Validator.atLeast(1)).importance(Importance.LOW).group(FilePathSetting.GROUP).width(Width.SHORT)
            .displayName("Batch size").documentation("The most lines one poll() returns.").build());

    /** Parses and checks {@code config}; the ConnectException names the missing or invalid key. */
    static SourceConfig from(KeyValue config) throws ConnectException {
        ParsedConfig parsed = FilePathSetting.parse(DEFINITION, config);
        return new SourceConfig(FilePathSetting.path(parsed), parsed.getString(TOPIC), parsed.getInt(BATCH_SIZE));
    }
}
