package io.openmessaging.omsconnect.plugin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.openmessaging.connector.api.component.task.source.SourceConnector;
import io.openmessaging.omsconnect.plugin.PluginException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.openmessaging.omsconnect.plugin.TestPlugins.compile;
import static io.openmessaging.omsconnect.plugin.TestPlugins.pack;
import static io.openmessaging.omsconnect.plugin.TestPlugins.plainManifest;
import static io.openmessaging.omsconnect.plugin.TestPlugins.sourceConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entries of the worker's pluginPaths: loaded and listed like pluginsDir's, never changed by the host. */
class PluginPathsHostTest {

    @TempDir
    Path tmp;

    /** A started host; the caller closes it. */
    private Pf4jPluginHost startHost(Path... pluginPaths) {
        Pf4jPluginHost host = new Pf4jPluginHost(pluginsDir(), List.of(pluginPaths));
        host.start();
        return host;
    }

    private Path pluginsDir() {
        return tmp.resolve("plugins");
    }

    private Path elsewhere() {
        return tmp.resolve("elsewhere");
    }

    private static Path plainJar(Path file, String connectorClass) {
        return pack(file, plainManifest(), compile(Map.of(connectorClass, sourceConnector(connectorClass))));
    }

    /** A zip of a folder of jars, RocketMQ Connect's packaging: its id is its name. */
    private static Path zipOfJars(Path file, String connectorClass) {
        return pack(file, TestPlugins.nestedJar("connector.jar", plainManifest(),
                compile(Map.of(connectorClass, sourceConnector(connectorClass)))));
    }

    @Test
    void aJarOfPluginPathsIsLoadedListedWithItsPathAndUsable() {
        Path jar = plainJar(elsewhere().resolve("rmq-sample-0.0.1-SNAPSHOT.jar"), "com.acme.rs.RsSource");

        try (Pf4jPluginHost host = startHost(jar)) {
            PluginDescriptorInfo plugin = host.plugin("rmq-sample").orElseThrow();
            assertEquals(jar, plugin.path());
            assertEquals("0.0.1-SNAPSHOT", plugin.version());
            assertEquals("plain-jar", plugin.kind());
            SourceConnector connector = host.newInstance("com.acme.rs.RsSource", SourceConnector.class);
            assertSame(plugin.components().get(0).loader(), connector.getClass().getClassLoader());
            assertTrue(host.notLoaded().isEmpty(), host.notLoaded().toString());
        }
    }

    @Test
    void uninstallIsRefusedAndTheFileStaysButTheEntryReloads() throws IOException {
        Path jar = plainJar(elsewhere().resolve("kept-1.0.jar"), "com.acme.kp.KpSource");
        Map<String, String> before = DirSnapshot.of(elsewhere());
        try (Pf4jPluginHost host = startHost(jar)) {
            ClassLoader first = host.component("com.acme.kp.KpSource").orElseThrow().loader();

            PluginException refused = assertThrows(PluginException.class, () -> host.uninstall("kept"));

            assertEquals(Reason.CONFLICT, refused.reason());
            assertTrue(refused.getMessage().contains("pluginPaths") && refused.getMessage().contains(jar.toString()),
                    refused.getMessage());
            assertTrue(Files.isRegularFile(jar), "the file was deleted");
            assertSame(first, host.component("com.acme.kp.KpSource").orElseThrow().loader(), "the plugin was unloaded");
            assertNotSame(first, host.reload("kept").components().get(0).loader());
        }
        assertEquals(before, DirSnapshot.of(elsewhere()), "the host wrote to a pluginPaths folder");
    }

    @Test
    void aPathThatDoesNotExistIsShownNotLoadedAndLoggedOnceWithItsPathUntilItAppears() {
        Path missing = elsewhere().resolve("not-built-yet-1.0.jar");
        Logger log = (Logger) LoggerFactory.getLogger(Pf4jPluginHost.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try (Pf4jPluginHost host = startHost(missing)) {
            try {
                host.rescan(); // tried again: still missing, no news
            } finally {
                log.detachAppender(logged);
            }

            assertEquals(List.of(missing), host.notLoaded().stream().map(NotLoadedPlugin::path).toList());
            assertTrue(host.notLoaded().get(0).reason().contains("pluginPaths"), host.notLoaded().toString());
            List<String> warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains(missing.toString()), warnings.toString());

            plainJar(missing, "com.acme.late.LateSource");
            assertEquals(List.of("not-built-yet"), host.rescan().stream().map(PluginDescriptorInfo::id).toList());
            assertTrue(host.notLoaded().isEmpty(), host.notLoaded().toString());
        }
    }

    @Test
    void aFolderGivesEachEntryAtItsTopLevelAndItsZipsAreExtractedInPluginsDir() throws IOException {
        Path folder = elsewhere();
        plainJar(folder.resolve("one-1.0.jar"), "com.acme.one.OneSource");
        zipOfJars(folder.resolve("two-2.0.zip"), "com.acme.two.TwoSource");
        plainJar(folder.resolve("three").resolve("three.jar"), "com.acme.three.ThreeSource");
        TestPlugins.write(folder.resolve("notes.txt"), "not a plugin".getBytes());
        TestPlugins.write(folder.resolve("README.md"), "left alone".getBytes());
        Map<String, String> before = DirSnapshot.of(folder);

        try (Pf4jPluginHost host = startHost(folder)) {
            assertEquals(List.of("one", "three", "two"), host.plugins().stream().map(PluginDescriptorInfo::id).sorted().toList());
            assertEquals(folder.resolve("two-2.0.zip"), host.plugin("two").orElseThrow().path());
            assertEquals(List.of(folder.resolve("notes.txt")), host.notLoaded().stream().map(NotLoadedPlugin::path).toList());
            assertTrue(host.newInstance("com.acme.two.TwoSource", SourceConnector.class) != null);
        }
        assertEquals(before, DirSnapshot.of(folder), "the host wrote to a pluginPaths folder");
        assertTrue(DirSnapshot.of(pluginsDir()).keySet().stream()
                .anyMatch(p -> p.startsWith(".extracted/.pluginPaths/") && p.endsWith("/two-2.0/connector.jar")),
                DirSnapshot.of(pluginsDir()).toString());
    }

    @Test
    void zipsOfOneNameInTwoFoldersEachHaveTheirExtractionWhichGoesWithTheZip() throws IOException {
        Path a = pack(elsewhere().resolve("a").resolve("conn.zip"), TestPlugins.pluginProperties("a-conn", "1.0.0"),
                TestPlugins.nestedJar("lib/a.jar", plainManifest(), compile(Map.of("com.acme.za.ZaSource", sourceConnector("com.acme.za.ZaSource")))));
        Path b = pack(elsewhere().resolve("b").resolve("conn.zip"), TestPlugins.pluginProperties("b-conn", "1.0.0"),
                TestPlugins.nestedJar("lib/b.jar", plainManifest(), compile(Map.of("com.acme.zb.ZbSource", sourceConnector("com.acme.zb.ZbSource")))));
        try (Pf4jPluginHost both = startHost(a, b)) {
            assertEquals(List.of("a-conn", "b-conn"), both.plugins().stream().map(PluginDescriptorInfo::id).sorted().toList());
            assertTrue(both.newInstance("com.acme.za.ZaSource", SourceConnector.class) != null);
            assertTrue(both.newInstance("com.acme.zb.ZbSource", SourceConnector.class) != null);
        }
        Path extractions = pluginsDir().resolve(".extracted/.pluginPaths");
        assertEquals(4, count(extractions), "a folder and an origin file per zip");

        Files.delete(b); // while no worker runs: its extraction goes at the next start, a's stays
        try (Pf4jPluginHost host = startHost(a)) {
            assertEquals(2, count(extractions));
            assertTrue(host.plugin("a-conn").isPresent());
        }
    }

    @Test
    void anIdThatAPluginsDirEntryHasIsNotLoadedAgainFromPluginPaths() {
        plainJar(pluginsDir().resolve("dup-1.0.jar"), "com.acme.d1.DupSource");
        Path other = plainJar(elsewhere().resolve("dup-2.0.jar"), "com.acme.d2.DupSource");

        try (Pf4jPluginHost host = startHost(other)) {
            assertEquals("1.0", host.plugin("dup").orElseThrow().version());
            assertEquals(List.of(other), host.notLoaded().stream().map(NotLoadedPlugin::path).toList());
            assertTrue(host.notLoaded().get(0).reason().contains("already loaded"), host.notLoaded().toString());
            assertFalse(host.component("com.acme.d2.DupSource").isPresent());
        }
    }

    @Test
    void pluginsDirNamedInPluginPathsIsLoadedOnceAsPluginsDir() {
        plainJar(pluginsDir().resolve("own-1.0.jar"), "com.acme.own.OwnSource");

        try (Pf4jPluginHost host = startHost(pluginsDir(), tmp)) { // tmp holds pluginsDir as an entry
            assertEquals(List.of("own"), host.plugins().stream().map(PluginDescriptorInfo::id).toList());
            assertTrue(host.notLoaded().isEmpty(), host.notLoaded().toString());
        }
    }

    private static long count(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.count();
        }
    }
}
