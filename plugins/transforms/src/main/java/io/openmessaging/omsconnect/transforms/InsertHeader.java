package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

/**
 * Kafka's InsertHeader: sets a header (a record extension) on every record, to the literal text configured
 * (Kafka parses the literal into a typed value; an extension holds text, so it stays text). It replaces a
 * header of the same name.
 */
@Aliases("org.apache.kafka.connect.transforms.InsertHeader")
public final class InsertHeader extends ConfiguredTransform<InsertHeader.Settings> {
    static final String HEADER = "header";
    static final String VALUE_LITERAL = "value.literal";

    private static final String GROUP = "Header";

    record Settings(String header, String literal) {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(HEADER).validator(Headers.names()).importance(Importance.HIGH).group(GROUP)
                        .width(Width.MEDIUM).displayName("Header").documentation("The name of the header.").build())
                .define(ConfigKey.builder(VALUE_LITERAL).importance(Importance.HIGH).group(GROUP).width(Width.LONG)
                        .displayName("Value literal")
                        .documentation("The literal value that is to be set as the header value on all records.").build());
    }

    @Override
    protected Settings settings(ParsedConfig config) {
        // the literal as given: spaces around it may be meant
        return new Settings(config.getString(HEADER), config.text(VALUE_LITERAL));
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Settings settings) {
        ConnectRecord copy = RecordCopy.of(record);
        Headers.set(copy, settings.header(), settings.literal());
        return copy;
    }
}
