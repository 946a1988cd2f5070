package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.RecordTopic;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Validator;
import io.openmessaging.omsconnect.api.config.Width;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's RegexRouter: when the whole topic matches {@code regex}, routes the record to
 * {@code Matcher.replaceFirst(replacement)} of it ({@code $1} ... name the regex's groups); other records
 * keep their topic.
 */
@Aliases("org.apache.kafka.connect.transforms.RegexRouter")
public final class RegexRouter extends ConfiguredTransform<RegexRouter.Settings> {
    static final String REGEX = "regex";
    static final String REPLACEMENT = "replacement";

    private static final String GROUP = "Routing";

    record Settings(Pattern regex, String replacement) {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(REGEX).validator(Validator.regex()).importance(Importance.HIGH).group(GROUP)
                        .width(Width.MEDIUM).displayName("Regex")
                        .documentation("Regular expression to use for matching.").build())
                .define(ConfigKey.builder(REPLACEMENT).importance(Importance.HIGH).group(GROUP).width(Width.MEDIUM)
                        .displayName("Replacement").documentation("Replacement string.").build());
    }

    @Override
    protected Settings settings(ParsedConfig config) {
        return new Settings(Pattern.compile(config.getString(REGEX)), config.getString(REPLACEMENT));
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Settings settings) {
        ConnectRecord copy = RecordCopy.of(record);
        String topic = RecordTopic.of(record);
        if (topic == null) {
            return copy;
        }
        Matcher matcher = settings.regex().matcher(topic);
        if (matcher.matches()) {
            try {
                RecordTopic.set(copy, matcher.replaceFirst(settings.replacement()));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                // a group reference the regex has not; Java tells only when a topic matches
                throw new TransformFailure(name(), "replacement " + settings.replacement() + ": " + e.getMessage(), e);
            }
        }
        return copy;
    }
}
