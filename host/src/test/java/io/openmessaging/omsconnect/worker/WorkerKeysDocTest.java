package io.openmessaging.omsconnect.worker;

import io.openmessaging.omsconnect.config.WorkerKeys;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/** The README's table of a worker's config keys is generated from {@link WorkerKeys}. */
class WorkerKeysDocTest {

    @Test
    void theReadmeTableIsTheDeclaredKeys() throws IOException {
        ReadmeConfigTable.check("worker-keys", WorkerKeys.DEFINITION.keys().stream()
                .map(k -> new ReadmeConfigTable.Row(k, k.group())).toList(), "group");
    }
}
