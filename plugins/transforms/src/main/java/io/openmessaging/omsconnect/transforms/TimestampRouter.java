package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.RecordTopic;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.TimeZone;

/**
 * Kafka's TimestampRouter: routes a record to a topic made of its topic and its timestamp (at UTC), e.g.
 * {@code orders-20231114}. Mainly for sinks, whose topic often names the table or index written to.
 */
@Aliases("org.apache.kafka.connect.transforms.TimestampRouter")
public final class TimestampRouter extends ConfiguredTransform<TimestampRouter.Settings> {
    static final String TOPIC_FORMAT = "topic.format";
    static final String TIMESTAMP_FORMAT = "timestamp.format";

    private static final String GROUP = "Routing";

    record Settings(String topicFormat, String timestampPattern) {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(TOPIC_FORMAT).defaultValue("${topic}-${timestamp}").importance(Importance.HIGH)
                        .group(GROUP).width(Width.MEDIUM).displayName("Topic format")
                        .documentation("Format string which can contain ${topic} and ${timestamp} as placeholders for "
                                + "the topic and timestamp, respectively.").build())
                .define(ConfigKey.builder(TIMESTAMP_FORMAT).defaultValue("yyyyMMdd")
                        .validator(DatePattern.INSTANCE).importance(Importance.HIGH).group(GROUP)
                        .width(Width.MEDIUM).displayName("Timestamp format")
                        .documentation("Format string for the timestamp that is compatible with java.text.SimpleDateFormat.")
                        .build());
    }

    @Override
    protected Settings settings(ParsedConfig config) {
        return new Settings(config.getString(TOPIC_FORMAT), config.getString(TIMESTAMP_FORMAT));
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Settings settings) {
        if (record.getTimestamp() == null) {
            throw new TransformFailure(name(), "the record has no timestamp to route by");
        }
        String topic = RecordTopic.of(record);
        if (topic == null) {
            throw new TransformFailure(name(), "the record has no topic (extension \"" + RecordTopic.EXTENSION + "\")");
        }
        SimpleDateFormat format = new SimpleDateFormat(settings.timestampPattern());
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        String routed = settings.topicFormat().replace("${topic}", topic)
                .replace("${timestamp}", format.format(new Date(record.getTimestamp())));
        ConnectRecord copy = RecordCopy.of(record);
        RecordTopic.set(copy, routed);
        return copy;
    }
}
