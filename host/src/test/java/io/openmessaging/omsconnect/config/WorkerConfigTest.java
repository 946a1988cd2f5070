package io.openmessaging.omsconnect.config;

import io.openmessaging.omsconnect.api.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void theWorkerConfigAsLoggedHidesTheDriverUrlsPassword() {
        WorkerConfig c = WorkerConfig.from(props("omsDriverUrl", "oms:rabbitmq://app:hunter2@mq.example:5672/default",
                "restToken", "t0ken"), BASE);
        assertFalse(c.toString().contains("hunter2"), c.toString());
        assertFalse(c.toString().contains("t0ken"), c.toString());
        assertTrue(c.toString().contains("oms:rabbitmq://app:******@mq.example:5672/default"), c.toString());
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
    void namesrvAddrWithoutOmsDriverUrlMakesTheDefaultARocketMqUrl() {
        assertEquals("oms:rocketmq://localhost:9876/default",
                WorkerConfig.from(props("namesrvAddr", "localhost:9876"), BASE).omsDriverUrl());
        assertEquals("oms:rocketmq://10.0.0.1:9876,10.0.0.2:9876/default",
                WorkerConfig.from(props("namesrvAddr", "10.0.0.1:9876; 10.0.0.2:9876"), BASE).omsDriverUrl(),
                "RocketMQ's ';' between name servers is a driver URL's ','");
        WorkerConfig blank = WorkerConfig.from(props("namesrvAddr", "  "), BASE);
        assertEquals("oms:local://" + BASE.resolve("storeRoot").resolve("mq") + "/default", blank.omsDriverUrl(),
                "a blank namesrvAddr is as absent");
        assertEquals(List.of(), ConfigFileReport.of(blank).infos());
    }

    @Test
    void omsDriverUrlWinsOverNamesrvAddrWithOneWarning() {
        WorkerConfig c = WorkerConfig.from(props("namesrvAddr", "localhost:9876",
                "omsDriverUrl", "oms:rabbitmq://127.0.0.1:5672/default"), BASE);

        assertEquals("oms:rabbitmq://127.0.0.1:5672/default", c.omsDriverUrl());
        List<String> warnings = ConfigFileReport.of(c).warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("namesrvAddr localhost:9876 is ignored"), warnings.get(0));
    }

    @Test
    void theDefaultDriverUrlFromNamesrvAddrIsToldAtStart() {
        ConfigFileReport report = ConfigFileReport.of(WorkerConfig.from(props("namesrvAddr", "localhost:9876"), BASE));

        assertEquals(List.of("Default OMS driver URL oms:rocketmq://localhost:9876/default, from namesrvAddr"), report.infos());
        assertEquals(List.of(), report.warnings());
    }

    @Test
    void pluginPathsAreAListResolvedAgainstTheConfigFolderWithFolderStarMeaningTheFolder() {
        WorkerConfig c = WorkerConfig.from(props("pluginPaths",
                "connectors/sample.jar, /opt/plugins/jdbc.tar.gz,more/*,/usr/local/connector-plugins/*, ../shared/"), BASE);

        assertEquals(List.of(BASE.resolve("connectors/sample.jar"), Path.of("/opt/plugins/jdbc.tar.gz"), BASE.resolve("more"),
                Path.of("/usr/local/connector-plugins"), Path.of("/srv/omsconnect/shared")), c.pluginPaths());
        assertEquals(List.of(), WorkerConfig.from(props(), BASE).pluginPaths());
        assertEquals(List.of(BASE), WorkerConfig.from(props("pluginPaths", "*"), BASE).pluginPaths());
    }

    @Test
    void keysTheWorkerDoesNotReadAreNamedInOneWarningWithoutTheirValues() {
        WorkerConfig c = WorkerConfig.from(props("aclEnable", "true", "accessKey", "ak-value-1", "secretKey", "sk-value-2",
                "autoCreateGroupEnable", "false", "clusterName", "DefaultCluster", "workerId", "w1"), BASE);

        assertEquals(List.of("accessKey", "aclEnable", "autoCreateGroupEnable", "secretKey"), ConfigFileReport.unreadKeys(c),
                "clusterName is a worker key, unused in standalone mode but not unknown");
        List<String> warnings = ConfigFileReport.of(c).warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        String line = warnings.get(0);
        assertTrue(line.contains("accessKey, aclEnable, autoCreateGroupEnable, secretKey"), line);
        assertTrue(line.contains("RocketMQ ACL") && line.contains("not supported"), line);
        assertFalse(line.contains("ak-value-1") || line.contains("sk-value-2") || line.contains("true"), line);
    }

    @Test
    void withoutRocketMqAclKeysTheWarningSaysNothingOfAcl() {
        List<String> warnings = ConfigFileReport.of(WorkerConfig.from(props("plugin.path", "/opt/kafka"), BASE)).warnings();

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("plugin.path") && !warnings.get(0).contains("ACL"), warnings.get(0));
        assertEquals(List.of(), ConfigFileReport.of(WorkerConfig.from(props("workerId", "w1"), BASE)).warnings());
    }

    @Test
    void keysTheWorkerDoesNotDeclareAreKeptAsGiven() {
        WorkerConfig c = WorkerConfig.from(props("rabbitmq.prefetch", "5", "restToken", " s3cret "), BASE);
        assertEquals("5", c.raw().getProperty("rabbitmq.prefetch"));
        assertEquals("s3cret", c.restToken(), "spaces around a token in a config file are a typo");
    }
}
