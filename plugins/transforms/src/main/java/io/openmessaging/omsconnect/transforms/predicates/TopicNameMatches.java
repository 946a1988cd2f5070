package io.openmessaging.omsconnect.transforms.predicates;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.Predicate;
import io.openmessaging.omsconnect.api.RecordTopic;
import io.openmessaging.omsconnect.api.config.ConfigDeclaring;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.Validator;
import io.openmessaging.omsconnect.api.config.Width;
import io.openmessaging.omsconnect.transforms.ComponentConfig;

import java.util.regex.Pattern;

/**
 * Kafka's TopicNameMatches: true for records whose whole topic ({@link RecordTopic}) matches {@code pattern};
 * false for a record without topic.
 */
@Aliases("org.apache.kafka.connect.transforms.predicates.TopicNameMatches")
public final class TopicNameMatches implements Predicate, ConfigDeclaring {
    static final String PATTERN = "pattern";

    private Pattern pattern;

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(PATTERN).validator(Validator.regex()).importance(Importance.MEDIUM)
                        .group("Match").width(Width.MEDIUM).displayName("Pattern")
                        .documentation("A Java regular expression for matching against the name of a record's topic.")
                        .build());
    }

    @Override
    public void validate(KeyValue config) {
        ComponentConfig.parse(config(), config);
    }

    @Override
    public void start(KeyValue config) {
        pattern = Pattern.compile(ComponentConfig.parse(config(), config).getString(PATTERN));
    }

    @Override
    public void stop() {
    }

    @Override
    public boolean test(ConnectRecord record) {
        if (pattern == null) {
            throw new IllegalStateException("TopicNameMatches tests records only once started");
        }
        String topic = RecordTopic.of(record);
        return topic != null && pattern.matcher(topic).matches();
    }
}
