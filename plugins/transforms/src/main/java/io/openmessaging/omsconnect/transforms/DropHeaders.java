package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.ParsedConfig;
import io.openmessaging.omsconnect.api.config.Width;

import java.util.Set;

/** Kafka's DropHeaders: removes the named headers (record extensions) from every record; its topic stays. */
@Aliases("org.apache.kafka.connect.transforms.DropHeaders")
public final class DropHeaders extends ConfiguredTransform<Set<String>> {
    static final String HEADERS = "headers";

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(HEADERS).type(ConfigType.LIST)
                        .validator(AllOf.of(NonEmptyList.INSTANCE, Headers.names()))
                        .importance(Importance.HIGH).group("Headers").width(Width.LONG).displayName("Headers")
                        .documentation("The name of the headers to be removed.").build());
    }

    /** The settings are the names of the headers to drop. */
    @Override
    protected Set<String> settings(ParsedConfig config) {
        return Set.copyOf(config.getList(HEADERS));
    }

    @Override
    protected ConnectRecord apply(ConnectRecord record, Set<String> headers) {
        ConnectRecord copy = RecordCopy.of(record);
        Headers.remove(copy, headers);
        return copy;
    }
}
