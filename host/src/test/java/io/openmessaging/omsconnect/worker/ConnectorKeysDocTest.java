package io.openmessaging.omsconnect.worker;

import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The README's table of the connector keys the worker reads is generated from {@link ConnectorKeys}. */
class ConnectorKeysDocTest {

    @Test
    void theReadmeTableIsTheDeclaredKeys() throws IOException {
        List<ReadmeConfigTable.Row> rows = new ArrayList<>();
        ConnectorKeys.COMMON_KEYS.keys().forEach(k -> rows.add(new ReadmeConfigTable.Row(k, "all")));
        only(ConnectorKeys.SOURCE_KEYS).forEach(k -> rows.add(new ReadmeConfigTable.Row(k, "source")));
        only(ConnectorKeys.SINK_KEYS).forEach(k -> rows.add(new ReadmeConfigTable.Row(k, "sink")));
        ReadmeConfigTable.check("connector-keys", rows, "connectors");
    }

    private static List<ConfigKey> only(ConfigDef def) {
        return def.keys().stream().filter(k -> ConnectorKeys.COMMON_KEYS.key(k.name()).isEmpty()).toList();
    }
}
