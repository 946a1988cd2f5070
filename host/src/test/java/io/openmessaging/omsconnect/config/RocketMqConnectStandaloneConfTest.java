package io.openmessaging.omsconnect.config;

import io.openmessaging.omsconnect.plugin.Pf4jPluginHost;
import io.openmessaging.omsconnect.plugin.PluginDescriptorInfo;
import io.openmessaging.omsconnect.plugin.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RocketMQ Connect's documented standalone worker config (apache/rocketmq-connect,
 * distribution/conf/connect-standalone.conf), read unchanged but for its store folder, pointed into the test's
 * folder. Its relative pluginPaths entry is resolved against the file's folder, as our paths are.
 */
class RocketMqConnectStandaloneConfTest {
    private static final String CONNECT_STANDALONE_CONF = """
            workerId=standalone-worker
            storePathRootDir=/tmp/standalone/storeRoot
            ## Http port for user to access REST API
            httpPort=8082
            # Rocketmq namesrvAddr
            namesrvAddr=localhost:9876
            # RocketMQ acl
            aclEnable=false
            accessKey=rocketmq
            secretKey=12345678
            autoCreateGroupEnable=false
            clusterName="DefaultCluster"
            # Source or sink connector jar file dir,The default value is rocketmq-connect-sample
            pluginPaths=rocketmq-connect-sample/target/rocketmq-connect-sample-0.0.1-SNAPSHOT.jar
            """;

    @TempDir
    Path dir;

    @Test
    void itsNameServerIsTheDefaultQueueItsPluginLoadsAndItsOtherKeysAreNamedWithoutValues() throws IOException {
        Path file = dir.resolve("connect-standalone.conf");
        Files.writeString(file, CONNECT_STANDALONE_CONF.replace("/tmp/standalone/storeRoot", dir.resolve("storeRoot").toString()));
        Path sampleJar = TestPlugins.pack(dir.resolve("rocketmq-connect-sample/target/rocketmq-connect-sample-0.0.1-SNAPSHOT.jar"),
                TestPlugins.plainManifest(), TestPlugins.compile(Map.of("org.apache.rocketmq.connect.sample.SampleSource",
                        TestPlugins.sourceConnector("org.apache.rocketmq.connect.sample.SampleSource"))));

        WorkerConfig config = WorkerConfig.load(file);

        assertEquals("standalone-worker", config.workerId());
        assertEquals(8082, config.httpPort());
        assertEquals("oms:rocketmq://localhost:9876/default", config.omsDriverUrl());
        assertEquals(List.of(sampleJar), config.pluginPaths());
        ConfigFileReport report = ConfigFileReport.of(config);
        assertEquals(List.of("Default OMS driver URL oms:rocketmq://localhost:9876/default, from namesrvAddr"), report.infos());
        assertEquals(1, report.warnings().size(), report.warnings().toString());
        String warning = report.warnings().get(0);
        assertTrue(warning.contains("accessKey, aclEnable, autoCreateGroupEnable, secretKey are not worker keys"), warning);
        assertTrue(warning.contains("RocketMQ ACL"), warning);
        assertFalse(warning.contains("12345678") || warning.contains("clusterName"), warning);

        try (Pf4jPluginHost plugins = new Pf4jPluginHost(config.pluginsDir(), config.pluginPaths())) {
            plugins.start();
            PluginDescriptorInfo sample = plugins.plugin("rocketmq-connect-sample").orElseThrow();
            assertEquals("0.0.1-SNAPSHOT", sample.version());
            assertEquals(sampleJar, sample.path());
            assertTrue(plugins.component("SampleSource").isPresent());
        }
    }
}
