package io.openmessaging.omsconnect.config;

import io.openmessaging.omsconnect.api.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerConfigTest {
    private static final Path BASE = Path.of("/srv/omsconnect/conf");

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsComeFromTheDeclaredKeys() {
        WorkerConfig c = WorkerConfig.from(props(), BASE);
        assertEquals("DEFAULT_WORKER_1", c.workerId());
        assertEquals(8081, c.httpPort());
        assertEquals("127.0.0.1", c.restBindAddress());
        assertNull(c.restToken());
        assertTrue(c.pluginUploadEnabled());
        assertEquals(BASE.resolve("storeRoot"), c.storePathRootDir());
        assertEquals("oms:local://" + BASE.resolve("storeRoot").resolve("mq") + "/default", c.omsDriverUrl());
        assertEquals(1000, c.offsetFlushIntervalMs());
        assertEquals(1L << 20, c.maxRequestBytes());
    }

    @Test
    void aBadValueStopsTheWorkerNamingItsKey() {
        ConfigException port = assertThrows(ConfigException.class, () -> WorkerConfig.from(props("httpPort", "80a"), BASE));
        assertEquals("httpPort", port.key());
        assertEquals("mode", assertThrows(ConfigException.class,
                () -> WorkerConfig.from(props("mode", "clustered"), BASE)).key());
        assertEquals("leaseMs", assertThrows(ConfigException.class,
                () -> WorkerConfig.from(props("leaseMs", "100"), BASE)).key());
        assertEquals("httpPort", assertThrows(ConfigException.class,
                () -> WorkerConfig.from(props("httpPort", "70000"), BASE)).key());
    }

    @Test
    void unknownKeysStayForDriversAndStores() {
        WorkerConfig c = WorkerConfig.from(props("rabbitmq.prefetch", "5", "restToken", " s3cret "), BASE);
        assertEquals("5", c.raw().getProperty("rabbitmq.prefetch"));
        assertEquals("s3cret", c.restToken(), "spaces around a token in a config file are a typo");
    }
}
