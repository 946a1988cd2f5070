package io.openmessaging.omsconnect.transforms.predicates;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.Predicate;
import io.openmessaging.omsconnect.api.config.ConfigDeclaring;
import io.openmessaging.omsconnect.api.config.ConfigDef;

/** Kafka's RecordIsTombstone: true for records whose value ({@code getData()}) is null. */
@Aliases("org.apache.kafka.connect.transforms.predicates.RecordIsTombstone")
public final class RecordIsTombstone implements Predicate, ConfigDeclaring {

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public void validate(KeyValue config) {
    }

    @Override
    public void start(KeyValue config) {
    }

    @Override
    public void stop() {
    }

    @Override
    public boolean test(ConnectRecord record) {
        return record.getData() == null;
    }
}
