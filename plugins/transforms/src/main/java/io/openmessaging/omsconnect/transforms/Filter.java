package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ParsedConfig;

/**
 * Kafka's Filter: drops every record it is applied to. Meant to be applied conditionally, with a predicate
 * ({@code transforms.<name>.predicate}, and {@code negate} to drop the records that do not match).
 */
@Aliases("org.apache.kafka.connect.transforms.Filter")
public final class Filter extends ConfiguredTransform<Void> {

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    protected Void settings(ParsedConfig config) {
        return null;
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Void settings) {
        return null;
    }
}
