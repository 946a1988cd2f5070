package io.openmessaging.omsconnect.transforms.predicates;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.Predicate;
import io.openmessaging.omsconnect.api.config.ConfigDeclaring;
import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.Width;
import io.openmessaging.omsconnect.transforms.ComponentConfig;
import io.openmessaging.omsconnect.transforms.Headers;

/**
 * Kafka's HasHeaderKey: true for records with a header (a record extension, {@link Headers}) called
 * {@code name}.
 */
@Aliases("org.apache.kafka.connect.transforms.predicates.HasHeaderKey")
public final class HasHeaderKey implements Predicate, ConfigDeclaring {
    static final String NAME = "name";

    private String name;

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(ConfigKey.builder(NAME).validator(Headers.names()).importance(Importance.MEDIUM).group("Match")
                        .width(Width.MEDIUM).displayName("Name").documentation("The header name.").build());
    }

    @Override
    public void validate(KeyValue config) {
        ComponentConfig.parse(config(), config);
    }

    @Override
    public void start(KeyValue config) {
        name = ComponentConfig.parse(config(), config).getString(NAME);
    }

    @Override
    public void stop() {
    }

    @Override
    public boolean test(ConnectRecord record) {
        if (name == null) {
            throw new IllegalStateException("HasHeaderKey tests records only once started");
        }
        return Headers.has(record, name);
    }
}
