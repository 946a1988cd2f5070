package io.openmessaging.kafka;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged plugin zip (target/*-plugin.zip, what the build copies into plugins-dir/) as the host will load it. */
class PluginPackageIT {

    @Test
    void theZipBundlesTheDriverAndKafkasClientButNotTheHostsApis() throws IOException {
        Path zip = Path.of(System.getProperty("omsconnect.pluginZip", "target/oms-driver-kafka-0.1.0-SNAPSHOT-plugin.zip"));
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> jars = file.stream().map(ZipEntry::getName).filter(n -> n.startsWith("lib/"))
                    .map(n -> n.substring("lib/".length())).toList();
            System.out.println("plugin lib/: " + jars);
            for (String expected : List.of("oms-driver-kafka-", "oms-driver-support-", "kafka-clients-", "zstd-jni-", "lz4-java-", "snappy-java-")) {
                assertTrue(jars.stream().anyMatch(j -> j.startsWith(expected)), expected + " missing from " + jars);
            }
            for (String hosts : List.of("openmessaging-", "slf4j-")) {
                assertFalse(jars.stream().anyMatch(j -> j.startsWith(hosts)), "the host provides " + hosts + ": " + jars);
            }
            assertFalse(jars.stream().anyMatch(j -> j.startsWith("kafka_") || j.startsWith("scala-")), "the test broker leaked in: " + jars);
            Properties descriptor = new Properties();
            try (InputStream in = file.getInputStream(file.getEntry("plugin.properties"))) {
                descriptor.load(in);
            }
            assertEquals("oms-driver-kafka", descriptor.getProperty("plugin.id"));
        }
    }
}
