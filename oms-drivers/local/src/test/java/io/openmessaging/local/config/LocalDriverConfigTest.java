package io.openmessaging.local.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openmessaging.KeyValue;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalDriverConfigTest {

    private static KeyValue hostAttributes(String url) {
        // what the host puts: ACCESS_POINTS up to the last '/', REGION after it, the whole URL
        String rest = url.substring("oms:local://".length());
        KeyValue attributes = new DefaultKeyValue();
        attributes.put(OMSBuiltinKeys.ACCESS_POINTS, rest.substring(0, rest.lastIndexOf('/')));
        attributes.put(OMSBuiltinKeys.REGION, rest.substring(rest.lastIndexOf('/') + 1));
        return attributes;
    }

    @Test
    void theUrlPathIsTheNamespaceFolder() {
        KeyValue attributes = hostAttributes("oms:local:///tmp/x/mq/default");
        LocalDriverConfig config = LocalDriverConfig.from(attributes);
        assertEquals(Path.of("/tmp/x/mq/default"), config.directory());
        assertEquals("default", config.namespace());
        assertEquals(64L << 20, config.segmentBytes());
        assertEquals(FsyncPolicy.NEVER, config.fsync());
    }

    @Test
    void theWholeUrlWinsAndItsQueryCarriesOptions() {
        KeyValue attributes = new DefaultKeyValue();
        attributes.put("OMS_DRIVER_URL", "oms:local:///data/mq/ns1?fsync=always&segment.bytes=1048576");
        LocalDriverConfig config = LocalDriverConfig.from(attributes);
        assertEquals(Path.of("/data/mq/ns1"), config.directory());
        assertEquals("ns1", config.namespace());
        assertEquals(FsyncPolicy.ALWAYS, config.fsync());
        assertEquals(1048576, config.segmentBytes());
    }

    @Test
    void attributesOverrideTheQuery() {
        KeyValue attributes = hostAttributes("oms:local:///data/mq/default?fsync=always");
        attributes.put(LocalDriverConfig.FSYNC, "interval");
        attributes.put(LocalDriverConfig.FSYNC_INTERVAL_MS, "250");
        LocalDriverConfig config = LocalDriverConfig.from(attributes);
        assertEquals(FsyncPolicy.INTERVAL, config.fsync());
        assertEquals(250, config.fsyncIntervalMs());
        assertEquals("default", config.namespace());
    }

    @Test
    void aRelativeFolderIsResolvedAgainstTheWorkingDirectory() {
        LocalDriverConfig config = LocalDriverConfig.from(hostAttributes("oms:local://storeRoot/mq"));
        assertEquals(Path.of("storeRoot/mq").toAbsolutePath().normalize(), config.directory());
    }

    @Test
    void badSettingsAreRefusedClearly() {
        assertThrows(OMSRuntimeException.class, () -> LocalDriverConfig.from(new DefaultKeyValue()));
        KeyValue badFsync = new DefaultKeyValue();
        badFsync.put("OMS_DRIVER_URL", "oms:local:///tmp/mq/default?fsync=sometimes");
        assertThrows(OMSRuntimeException.class, () -> LocalDriverConfig.from(badFsync));
        KeyValue badNumber = new DefaultKeyValue();
        badNumber.put("OMS_DRIVER_URL", "oms:local:///tmp/mq/default?segment.bytes=big");
        assertThrows(OMSRuntimeException.class, () -> LocalDriverConfig.from(badNumber));
    }
}
