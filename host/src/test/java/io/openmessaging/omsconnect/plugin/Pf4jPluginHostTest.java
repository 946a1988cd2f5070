package io.openmessaging.omsconnect.plugin;

import io.openmessaging.connector.api.component.task.source.SourceConnector;
import io.openmessaging.omsconnect.plugin.PluginException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static io.openmessaging.omsconnect.plugin.TestPlugins.compile;
import static io.openmessaging.omsconnect.plugin.TestPlugins.pack;
import static io.openmessaging.omsconnect.plugin.TestPlugins.pf4jManifest;
import static io.openmessaging.omsconnect.plugin.TestPlugins.plainManifest;
import static io.openmessaging.omsconnect.plugin.TestPlugins.sourceConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Pf4jPluginHostTest {

    @TempDir
    Path tmp;
    private final List<Pf4jPluginHost> hosts = new ArrayList<>();

    @AfterEach
    void closeHosts() {
        hosts.forEach(Pf4jPluginHost::close);
    }

    private Pf4jPluginHost host() {
        Pf4jPluginHost host = new Pf4jPluginHost(tmp.resolve("plugins"));
        hosts.add(host);
        return host;
    }

    private Path pluginsDir() {
        return tmp.resolve("plugins");
    }

    private static Map<String, byte[]> connectorClasses(String className) {
        return compile(Map.of(className, sourceConnector(className)));
    }

    private static byte[] plainJar(String className) {
        return TestPlugins.zipBytes(plainManifest(), connectorClasses(className));
    }

    @Test
    void plainJarWithoutDescriptorLoadsAndItsConnectorIsDiscovered() {
        pack(pluginsDir().resolve("foo-connector-1.2.3.jar"), plainManifest(), connectorClasses("com.acme.foo.FooSource"));
        Pf4jPluginHost host = host();
        host.start();

        PluginDescriptorInfo plugin = host.plugin("foo-connector").orElseThrow();
        assertEquals("1.2.3", plugin.version());
        assertEquals("plain-jar", plugin.kind());
        assertEquals("STARTED", plugin.state());
        PluginComponent component = host.component("FooSource").orElseThrow();
        assertEquals("com.acme.foo.FooSource", component.className());
        assertEquals(ComponentType.SOURCE, component.type());
        assertEquals("1.2.3", component.version());
        SourceConnector connector = host.newInstance("com.acme.foo.FooSource", SourceConnector.class);
        assertSame(component.loader(), connector.getClass().getClassLoader());
    }

    @Test
    void pf4jJarIsDescribedByItsManifest() {
        pack(pluginsDir().resolve("whatever.jar"), pf4jManifest("bar-plugin", "2.0.0"), connectorClasses("com.acme.bar.BarSource"));
        Pf4jPluginHost host = host();
        host.start();

        PluginDescriptorInfo plugin = host.plugin("bar-plugin").orElseThrow();
        assertEquals("pf4j-jar", plugin.kind());
        assertEquals("2.0.0", plugin.version());
        assertEquals(List.of("com.acme.bar.BarSource"), plugin.components().stream().map(PluginComponent::className).toList());
    }

    @Test
    void pf4jZipWithLibLoads() {
        Map<String, byte[]> classes = compile(Map.of(
                "com.acme.lib.Helper", "package com.acme.lib; public class Helper { public static String name() { return \"helper\"; } }",
                "com.acme.z.ZSource", sourceConnector("com.acme.z.ZSource",
                        "  public String toString() { return com.acme.lib.Helper.name(); }\n")));
        Map<String, byte[]> lib = Map.of("com/acme/lib/Helper.class", classes.get("com/acme/lib/Helper.class"));
        Map<String, byte[]> own = Map.of("com/acme/z/ZSource.class", classes.get("com/acme/z/ZSource.class"));
        pack(pluginsDir().resolve("z-plugin-1.0.zip"), TestPlugins.pluginProperties("z-plugin", "1.0.0"),
                TestPlugins.nestedJar("lib/z-plugin.jar", pf4jManifest("z-plugin", "1.0.0"), own),
                TestPlugins.nestedJar("lib/helper-lib.jar", plainManifest(), lib));
        Pf4jPluginHost host = host();
        host.start();

        PluginDescriptorInfo plugin = host.plugin("z-plugin").orElseThrow();
        assertEquals("pf4j-zip", plugin.kind());
        assertEquals(pluginsDir().resolve("z-plugin-1.0.zip").toAbsolutePath(), plugin.path());
        assertEquals("helper", host.newInstance("com.acme.z.ZSource", SourceConnector.class).toString());
    }

    @Test
    void aRestartReusesAZipsExtractionUntilTheZipChanges() throws IOException {
        Path zip = pack(pluginsDir().resolve("re-zip-1.0.zip"), TestPlugins.pluginProperties("re-zip", "1.0.0"),
                TestPlugins.nestedJar("lib/re-zip.jar", plainManifest(), connectorClasses("com.acme.rz.RzSource")));
        try (Pf4jPluginHost first = new Pf4jPluginHost(pluginsDir())) {
            first.start();
            assertTrue(first.component("com.acme.rz.RzSource").isPresent());
        }
        Path marker = pluginsDir().resolve(".extracted/re-zip-1.0/marker");
        Files.writeString(marker, "still the same extraction");
        try (Pf4jPluginHost second = new Pf4jPluginHost(pluginsDir())) {
            second.start();
            assertTrue(second.component("com.acme.rz.RzSource").isPresent());
            assertTrue(Files.exists(marker), "a current extraction was redone");
        }
        pack(zip, TestPlugins.pluginProperties("re-zip", "1.0.1"),
                TestPlugins.nestedJar("lib/re-zip.jar", plainManifest(), connectorClasses("com.acme.rz.RzSource")));
        Files.setLastModifiedTime(zip, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        try (Pf4jPluginHost third = new Pf4jPluginHost(pluginsDir())) {
            third.start();
            assertEquals("1.0.1", third.plugin("re-zip").orElseThrow().version());
            assertFalse(Files.exists(marker), "a stale extraction was reused");
        }
    }

    @Test
    void hostsSharingAPluginsDirStartTogetherAndEachLoadsAChangedZip() throws Exception {
        Path zip = pack(pluginsDir().resolve("shared-zip-1.0.zip"), TestPlugins.pluginProperties("shared-zip", "1.0.0"),
                TestPlugins.nestedJar("lib/shared-zip.jar", plainManifest(), connectorClasses("com.acme.sz.SzSource")));
        for (int round = 0; round < 8; round++) {
            // a changed zip: every host that starts now extracts it again, all at once
            Files.setLastModifiedTime(zip, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000L * round));
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(3);
            List<java.util.concurrent.Future<Object>> starts = new ArrayList<>();
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                for (int h = 0; h < 3; h++) {
                    Pf4jPluginHost host = host();
                    starts.add(threads.submit(() -> {
                        together.await();
                        host.start();
                        return host.newInstance("com.acme.sz.SzSource", SourceConnector.class);
                    }));
                }
                for (java.util.concurrent.Future<Object> start : starts) {
                    assertTrue(start.get() instanceof SourceConnector, "round " + round);
                }
            } finally {
                threads.shutdownNow();
                closeHosts();
                hosts.clear();
            }
        }
    }

    @Test
    void aStartingHostDeletesAbandonedUploadsButNotOneInProgress() throws IOException {
        Path abandoned = Files.createDirectories(pluginsDir().resolve(".staging/crashed-install"));
        Files.writeString(abandoned.resolve("half.jar"), "half an upload");
        UploadStaging staging = new UploadStaging(new PluginsDirLayout(pluginsDir()));
        UploadStaging.Upload inProgress = staging.open(); // another host's install, still copying
        Files.writeString(inProgress.folder().resolve("big.jar"), "being copied");

        host().start();

        assertFalse(Files.exists(abandoned), "a crashed install's upload was left");
        assertTrue(Files.exists(inProgress.folder().resolve("big.jar")), "an install in progress lost its upload");
        inProgress.close();
        assertFalse(Files.exists(pluginsDir().resolve(".staging")));
    }

    @Test
    void plainFolderOfJarsIsOnePluginNamedAfterTheFolder() {
        Map<String, byte[]> classes = connectorClasses("com.acme.k.KSource");
        pack(pluginsDir().resolve("kafka-style").resolve("k.jar"), plainManifest(), classes);
        pack(pluginsDir().resolve("kafka-style").resolve("other-lib.jar"), plainManifest(),
                compile(Map.of("com.acme.other.Util", "package com.acme.other; public class Util {}")));
        Pf4jPluginHost host = host();
        host.start();

        PluginDescriptorInfo plugin = host.plugin("kafka-style").orElseThrow();
        assertEquals("plain-folder", plugin.kind());
        assertEquals(1, plugin.components().size());
    }

    @Test
    void twoPluginsBundlingTwoVersionsOfALibraryEachSeeTheirOwn() {
        for (String version : List.of("v1", "v2")) {
            String connector = "com.acme." + version + ".Source";
            Map<String, byte[]> classes = compile(Map.of(
                    "com.acme.shared.Greeting", "package com.acme.shared; public class Greeting { public static String text() { return \"" + version + "\"; } }",
                    connector, sourceConnector(connector,
                            "  public String toString() { return com.acme.shared.Greeting.text(); }\n")));
            pack(pluginsDir().resolve("greeter-" + version + ".jar"), plainManifest(), classes);
        }
        Pf4jPluginHost host = host();
        host.start();

        assertEquals("v1", host.newInstance("com.acme.v1.Source", SourceConnector.class).toString());
        assertEquals("v2", host.newInstance("com.acme.v2.Source", SourceConnector.class).toString());
        assertNotSame(host.component("com.acme.v1.Source").orElseThrow().loader(),
                host.component("com.acme.v2.Source").orElseThrow().loader());
    }

    @Test
    void sharedApisComeFromTheHostAndEverythingElseFromThePlugin() throws Exception {
        Map<String, byte[]> classes = compile(Map.of(
                "io.openmessaging.fake.Marker", "package io.openmessaging.fake; public class Marker {}",
                "com.acme.s.SSource", sourceConnector("com.acme.s.SSource")));
        // the plugin also bundles (badly) its own copy of the connector API class: it must be ignored
        byte[] hostApiClass = SourceConnector.class.getResourceAsStream("SourceConnector.class").readAllBytes();
        pack(pluginsDir().resolve("s.jar"), plainManifest(), classes,
                Map.of("io/openmessaging/connector/api/component/task/source/SourceConnector.class", hostApiClass));
        Pf4jPluginHost host = host();
        host.start();

        ClassLoader loader = host.component("com.acme.s.SSource").orElseThrow().loader();
        assertSame(SourceConnector.class, loader.loadClass(SourceConnector.class.getName()));
        assertSame(String.class, loader.loadClass("java.lang.String"));
        assertSame(javax.xml.parsers.DocumentBuilder.class, loader.loadClass("javax.xml.parsers.DocumentBuilder"));
        assertSame(loader, loader.loadClass("io.openmessaging.fake.Marker").getClassLoader());
        assertTrue(SourceConnector.class.isAssignableFrom(loader.loadClass("com.acme.s.SSource")));
        assertEquals(List.of("com.acme.s.SSource"), host.plugin("s").orElseThrow().components().stream()
                .map(PluginComponent::className).toList());
    }

    @Test
    void servicesFilesAreUsedWhenPresentAndAbstractClassesAreNeverComponents() {
        Map<String, byte[]> classes = compile(Map.of(
                "com.acme.h.Base", "package com.acme.h; public abstract class Base extends io.openmessaging.connector.api.component.task.source.SourceConnector {"
                        + " public void start(io.openmessaging.KeyValue c) {} public void stop() {}"
                        + " public java.util.List<io.openmessaging.KeyValue> taskConfigs(int m) { return java.util.List.of(); } }",
                "com.acme.h.Concrete", "package com.acme.h; public class Concrete extends Base {"
                        + " public Class<? extends io.openmessaging.connector.api.component.task.Task> taskClass() { return null; } }",
                "com.acme.h.Upper", "package com.acme.h; public class Upper implements io.openmessaging.connector.api.component.Transform<io.openmessaging.connector.api.data.ConnectRecord> {"
                        + " public io.openmessaging.connector.api.data.ConnectRecord doTransform(io.openmessaging.connector.api.data.ConnectRecord r) { return r; }"
                        + " public void start(io.openmessaging.KeyValue c) {} public void stop() {} }"));
        pack(pluginsDir().resolve("scanned.jar"), plainManifest(), classes);
        pack(pluginsDir().resolve("declared.jar"), plainManifest(), renamed(classes, "com/acme/h/", "com/acme/d/", "com.acme.h.", "com.acme.d."),
                Map.of("META-INF/services/io.openmessaging.connector.api.component.Transform", "com.acme.d.Upper\n".getBytes()));
        Pf4jPluginHost host = host();
        host.start();

        assertEquals(List.of("SOURCE com.acme.h.Concrete", "TRANSFORM com.acme.h.Upper"), describe(host.plugin("scanned").orElseThrow()));
        assertEquals(List.of("TRANSFORM com.acme.d.Upper"), describe(host.plugin("declared").orElseThrow()));
    }

    private static Map<String, byte[]> renamed(Map<String, byte[]> classes, String fromPath, String toPath, String from, String to) {
        // recompiling in another package is simpler than rewriting bytecode
        return compile(Map.of(
                to + "Base", "package com.acme.d; public abstract class Base extends io.openmessaging.connector.api.component.task.source.SourceConnector {"
                        + " public void start(io.openmessaging.KeyValue c) {} public void stop() {}"
                        + " public java.util.List<io.openmessaging.KeyValue> taskConfigs(int m) { return java.util.List.of(); } }",
                to + "Concrete", "package com.acme.d; public class Concrete extends Base {"
                        + " public Class<? extends io.openmessaging.connector.api.component.task.Task> taskClass() { return null; } }",
                to + "Upper", "package com.acme.d; public class Upper implements io.openmessaging.connector.api.component.Transform<io.openmessaging.connector.api.data.ConnectRecord> {"
                        + " public io.openmessaging.connector.api.data.ConnectRecord doTransform(io.openmessaging.connector.api.data.ConnectRecord r) { return r; }"
                        + " public void start(io.openmessaging.KeyValue c) {} public void stop() {} }"));
    }

    private static List<String> describe(PluginDescriptorInfo plugin) {
        return plugin.components().stream().map(c -> c.type() + " " + c.className()).sorted().toList();
    }

    @Test
    void installLoadsAndStartsAndTellsListeners() {
        Pf4jPluginHost host = host();
        host.start();
        List<String> events = new CopyOnWriteArrayList<>();
        host.addListener(new PluginListener() {
            @Override
            public void pluginLoaded(PluginDescriptorInfo plugin) {
                events.add("loaded " + plugin.id());
            }

            @Override
            public void pluginUnloading(PluginDescriptorInfo plugin) {
                events.add("unloading " + plugin.id());
            }
        });

        PluginDescriptorInfo info = host.install("up-0.1.0.jar", new ByteArrayInputStream(plainJar("com.acme.up.UpSource")));
        assertEquals("up", info.id());
        assertTrue(Files.isRegularFile(pluginsDir().resolve("up-0.1.0.jar")));
        assertTrue(host.component("com.acme.up.UpSource").isPresent());
        host.uninstall("up");
        assertEquals(List.of("loaded up", "unloading up"), events);
        assertTrue(host.component("com.acme.up.UpSource").isEmpty());
    }

    @Test
    void corruptJarIsRefusedAndPluginsDirIsUnchanged() {
        pack(pluginsDir().resolve("good-1.0.jar"), plainManifest(), connectorClasses("com.acme.g.GSource"));
        Pf4jPluginHost host = host();
        host.start();
        Map<String, String> before = DirSnapshot.of(pluginsDir());

        PluginException e = assertThrows(PluginException.class,
                () -> host.install("bad-1.0.jar", new ByteArrayInputStream("this is not a zip".getBytes())));
        assertEquals(Reason.BAD_ARCHIVE, e.reason());
        assertTrue(e.badInput());
        assertEquals(before, DirSnapshot.of(pluginsDir()));
        assertEquals(List.of("good"), host.plugins().stream().map(PluginDescriptorInfo::id).toList());
    }

    @Test
    void zipSlipEntryIsRefusedAndNothingIsWritten() {
        Pf4jPluginHost host = host();
        host.start();
        Map<String, String> before = DirSnapshot.of(pluginsDir());
        byte[] evil = TestPlugins.zipBytes(TestPlugins.pluginProperties("evil", "1.0.0"),
                TestPlugins.nestedJar("lib/evil.jar", plainManifest(), connectorClasses("com.acme.e.ESource")),
                Map.of("../evil", "gotcha".getBytes()));

        PluginException e = assertThrows(PluginException.class, () -> host.install("evil.zip", new ByteArrayInputStream(evil)));
        assertEquals(Reason.BAD_ARCHIVE, e.reason());
        assertEquals(before, DirSnapshot.of(pluginsDir()));
        assertFalse(Files.exists(pluginsDir().resolve("..").resolve("evil")));
        assertFalse(Files.exists(pluginsDir().resolve(".staging").resolve("evil")));
    }

    @Test
    void zipSlipDroppedIntoThePluginsDirIsNotExtracted() throws IOException {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        pack(pluginsDir().resolve("dropped-evil.zip"), TestPlugins.pluginProperties("dropped-evil", "1.0.0"),
                Map.of("../../outside/evil", "gotcha".getBytes()));
        Pf4jPluginHost host = host();
        host.start();

        assertTrue(host.plugins().isEmpty());
        try (var files = Files.list(outside)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void duplicateIdIsAConflictAndLeavesNothing() {
        Pf4jPluginHost host = host();
        host.start();
        host.install("dup-1.0.jar", new ByteArrayInputStream(plainJar("com.acme.dup.DupSource")));
        Map<String, String> before = DirSnapshot.of(pluginsDir());

        PluginException e = assertThrows(PluginException.class,
                () -> host.install("dup-2.0.jar", new ByteArrayInputStream(plainJar("com.acme.dup2.DupSource"))));
        assertEquals(Reason.CONFLICT, e.reason());
        assertEquals(before, DirSnapshot.of(pluginsDir()));
        assertEquals("1.0", host.plugin("dup").orElseThrow().version());
    }

    @Test
    void unsafeFileNamesAndArchivesWithoutComponentsAreRefused() {
        Pf4jPluginHost host = host();
        host.start();
        Map<String, String> before = DirSnapshot.of(pluginsDir());
        byte[] jar = plainJar("com.acme.n.NSource");
        for (String name : List.of("../x.jar", "a/b.jar", "a\\b.jar", ".hidden.jar", "x.txt", "x..jar", "")) {
            PluginException e = assertThrows(PluginException.class,
                    () -> host.install(name, new ByteArrayInputStream(jar)), name);
            assertEquals(Reason.BAD_ARCHIVE, e.reason(), name);
        }
        byte[] empty = TestPlugins.zipBytes(plainManifest(), compile(Map.of("com.acme.q.Nothing", "package com.acme.q; public class Nothing {}")));
        PluginException e = assertThrows(PluginException.class, () -> host.install("nothing.jar", new ByteArrayInputStream(empty)));
        assertEquals(Reason.BAD_ARCHIVE, e.reason());
        assertEquals(before, DirSnapshot.of(pluginsDir()));
    }

    @Test
    void uploadsOverTheLimitAreRefused() {
        Pf4jPluginHost host = new Pf4jPluginHost(pluginsDir(), 100);
        hosts.add(host);
        host.start();
        PluginException e = assertThrows(PluginException.class,
                () -> host.install("big.jar", new ByteArrayInputStream(plainJar("com.acme.b.BSource"))));
        assertEquals(Reason.BAD_ARCHIVE, e.reason());
    }

    @Test
    void uninstallDeletesTheFilesAndTheClassLoaderBecomesUnreachable() {
        Pf4jPluginHost host = host();
        host.start();
        Map<String, String> before = DirSnapshot.of(pluginsDir());
        byte[] zip = TestPlugins.zipBytes(TestPlugins.pluginProperties("gone", "1.0.0"),
                TestPlugins.nestedJar("lib/gone.jar", plainManifest(), connectorClasses("com.acme.gone.GoneSource")));

        WeakReference<ClassLoader> loader = installAndUninstall(host, "gone-1.0.zip", zip, "gone");

        assertEquals(before, DirSnapshot.of(pluginsDir()));
        assertTrue(awaitCollected(List.of(loader)), "plugin classloader still reachable after uninstall");
    }

    /** Installs {@code classes} as a plain jar (no pf4j descriptor) through the host's upload path; its id. */
    private static String installJar(Pf4jPluginHost host, String fileName, Map<String, byte[]> classes) {
        return host.install(fileName, new ByteArrayInputStream(TestPlugins.zipBytes(plainManifest(), classes))).id();
    }

    @Test
    void uninstallWaitsForThePluginsThreadsBeforeClosingItsClassLoader() {
        Pf4jPluginHost host = host();
        host.start();
        // the connector starts a thread that, a moment after, loads one more of its plugin's classes (as the
        // RocketMQ client's threads did while they shut down) and says how that went
        String connector = "com.acme.late.LateSource";
        Map<String, byte[]> classes = compile(Map.of(
                "com.acme.late.Later", "package com.acme.late; public class Later { public static String ok() { return \"loaded\"; } }",
                connector, sourceConnector(connector, ""
                        + "  public LateSource() { new Thread(() -> {\n"
                        + "    System.setProperty(\"test.lateStarted\", \"true\");\n"
                        + "    try { Thread.sleep(400); } catch (InterruptedException e) { return; }\n"
                        + "    String outcome; try { outcome = Later.ok(); } catch (Throwable t) { outcome = t.toString(); }\n"
                        + "    System.setProperty(\"test.lateLoad\", outcome); }, \"late-loader\").start(); }")));
        System.clearProperty("test.lateLoad");
        System.clearProperty("test.lateStarted");
        String id = installJar(host, "late-1.0.jar", classes);
        host.newInstance(connector, SourceConnector.class);
        // a thread that has only just been started has no frames yet, nothing that shows it is the plugin's
        while (System.getProperty("test.lateStarted") == null) {
            Thread.onSpinWait();
        }

        host.uninstall(id);

        assertEquals("loaded", System.getProperty("test.lateLoad"), "the plugin's thread could not load its class");
    }

    @Test
    void uninstallInterruptsThreadsThatOutliveTheGracePeriodAndNamesTheOnesThatStayAlive() throws Exception {
        Pf4jPluginHost host = host();
        host.start();
        String connector = "com.acme.stuck.StuckSource";
        Map<String, byte[]> classes = compile(Map.of(connector, sourceConnector(connector, ""
                        + "  public StuckSource() {\n"
                        + "    new Thread(() -> { System.setProperty(\"test.politeStarted\", \"true\");\n"
                        + "      try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } }, \"polite\").start();\n"
                        + "    new Thread(() -> { System.setProperty(\"test.stubbornStarted\", \"true\");\n"
                        + "      while (System.getProperty(\"test.releaseStubborn\") == null) {\n"
                        + "      try { Thread.sleep(20); } catch (InterruptedException e) { } } }, \"stubborn\").start(); }")));
        System.clearProperty("test.releaseStubborn");
        System.clearProperty("test.politeStarted");
        System.clearProperty("test.stubbornStarted");
        String id = installJar(host, "stuck-1.0.jar", classes);
        host.newInstance(connector, SourceConnector.class);
        while (System.getProperty("test.politeStarted") == null || System.getProperty("test.stubbornStarted") == null) {
            Thread.onSpinWait(); // running their code: see the test above
        }
        try {
            long start = System.nanoTime();
            host.uninstall(id);
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertTrue(tookMs < 10_000, "uninstall waited " + tookMs + " ms for threads that do not end");
            List<String> alive = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
            assertFalse(alive.contains("polite"), "a thread that ends when interrupted was left running");
            assertTrue(alive.contains("stubborn"), "the thread that ignores interrupts cannot have ended");
        } finally {
            System.setProperty("test.releaseStubborn", "true");
        }
    }

    @Test
    void uninstallNamesIdleThreadsThatKeepThePluginAsTheirContextClassLoader() {
        Pf4jPluginHost host = host();
        host.start();
        // an executor the plugin never shuts down: its idle thread waits in JDK code, not in the plugin's, and
        // holds the plugin's loader as its context loader, inherited from the plugin's code that started it
        String connector = "com.acme.idle.IdleSource";
        Map<String, byte[]> classes = compile(Map.of(connector, sourceConnector(connector, ""
                        + "  public IdleSource() { Thread.currentThread().setContextClassLoader(getClass().getClassLoader());\n"
                        + "    java.util.concurrent.ExecutorService idle = java.util.concurrent.Executors.newSingleThreadExecutor(\n"
                        + "        r -> new Thread(r, \"idle-pool\"));\n"
                        + "    try { idle.submit(() -> { }).get(); } catch (Exception e) { throw new RuntimeException(e); } }")));
        String id = installJar(host, "idle-1.0.jar", classes);
        ClassLoader testLoader = Thread.currentThread().getContextClassLoader();
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PluginThreads.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try {
            host.newInstance(connector, SourceConnector.class);
            Thread.currentThread().setContextClassLoader(testLoader); // the constructor set this thread's too
            host.uninstall(id);
        } finally {
            log.detachAppender(logged);
            Thread.currentThread().setContextClassLoader(testLoader);
        }
        assertTrue(logged.list.stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                && e.getFormattedMessage().contains("idle-pool") && e.getFormattedMessage().contains("context class loader")),
                logged.list.toString());
    }

    @Test
    void hundredInstallUninstallCyclesLeaveNoClassLoaderAlive() {
        Pf4jPluginHost host = host();
        host.start();
        byte[] jar = plainJar("com.acme.cycle.CycleSource");
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            loaders.add(installAndUninstall(host, "cycle-1.0.jar", jar, "cycle"));
        }
        assertTrue(awaitCollected(loaders), "some of 100 plugin classloaders are still reachable");
        assertTrue(host.plugins().isEmpty());
    }

    /** Kept apart so that no strong reference to the plugin survives on this test's stack. */
    private static WeakReference<ClassLoader> installAndUninstall(PluginHost host, String name, byte[] bytes, String id) {
        PluginDescriptorInfo info = host.install(name, new ByteArrayInputStream(bytes));
        PluginComponent component = info.components().get(0);
        Object instance = host.newInstance(component.className(), SourceConnector.class);
        WeakReference<ClassLoader> loader = new WeakReference<>(instance.getClass().getClassLoader());
        host.uninstall(id);
        return loader;
    }

    private static boolean awaitCollected(List<WeakReference<ClassLoader>> loaders) {
        for (int i = 0; i < 50; i++) {
            System.gc();
            if (loaders.stream().allMatch(r -> r.get() == null)) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Test
    void reloadGivesTheSamePluginANewClassLoader() {
        pack(pluginsDir().resolve("re-1.0.jar"), plainManifest(), connectorClasses("com.acme.re.ReSource"));
        Pf4jPluginHost host = host();
        host.start();
        ClassLoader first = host.component("com.acme.re.ReSource").orElseThrow().loader();

        PluginDescriptorInfo reloaded = host.reload("re");

        assertNotSame(first, reloaded.components().get(0).loader());
        assertEquals(PluginException.Reason.NOT_FOUND,
                assertThrows(PluginException.class, () -> host.reload("nope")).reason());
    }

    @Test
    void droppedFilesAreLoadedAndDeletedFilesUnloaded() throws IOException {
        Pf4jPluginHost host = host();
        host.start();

        Path written = pack(tmp.resolve("drop-1.0.jar"), plainManifest(), connectorClasses("com.acme.drop.DropSource"));
        Files.move(written, pluginsDir().resolve("drop-1.0.jar"));
        assertTrue(await(() -> host.component("com.acme.drop.DropSource").isPresent()), "dropped jar not loaded");

        Files.delete(pluginsDir().resolve("drop-1.0.jar"));
        assertTrue(await(() -> host.plugin("drop").isEmpty()), "deleted jar not unloaded");
    }

    @Test
    void entriesThatDoNotLoadAreListedWithWhyAndLoggedOnceUntilTheyLoadOrGo() throws IOException {
        pack(pluginsDir().resolve("good-1.0.jar"), plainManifest(), connectorClasses("com.acme.ok.OkSource"));
        Path broken = TestPlugins.write(pluginsDir().resolve("broken-1.0.zip"), "this is not a zip".getBytes());
        Path stray = TestPlugins.write(pluginsDir().resolve("notes.txt"), "not a plugin".getBytes());
        TestPlugins.write(pluginsDir().resolve("README.md"), "documentation, not a plugin".getBytes());
        TestPlugins.write(pluginsDir().resolve(".hidden.jar"), "hidden".getBytes());
        Pf4jPluginHost host = host();
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Pf4jPluginHost.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try {
            host.start();
            assertEquals(List.of("good"), host.plugins().stream().map(PluginDescriptorInfo::id).toList());
            assertEquals(List.of(broken.toAbsolutePath(), stray.toAbsolutePath()),
                    host.notLoaded().stream().map(NotLoadedPlugin::path).toList(), "README and hidden files are no entries");
            assertTrue(host.notLoaded().get(0).reason().contains("broken-1.0.zip"), host.notLoaded().toString());
            assertTrue(host.notLoaded().get(1).reason().startsWith("not a plugin file"), host.notLoaded().toString());

            // reported again, as the watcher does at each change of a file: no news, no second log line
            host.entryAppeared(broken.toAbsolutePath());
            host.entryAppeared(stray.toAbsolutePath());
            assertEquals(2, host.notLoaded().size());
        } finally {
            log.detachAppender(logged);
        }
        List<String> warnings = logged.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("broken-1.0.zip not loaded") && warnings.get(1).contains("notes.txt not loaded"),
                warnings.toString());

        // the broken file replaced by a good one loads and leaves the list; the stray file deleted leaves it too
        Path fixed = pack(tmp.resolve("broken-1.0.zip"), TestPlugins.pluginProperties("fixed", "1.0.0"),
                TestPlugins.nestedJar("lib/fixed.jar", pf4jManifest("fixed", "1.0.0"), connectorClasses("com.acme.fix.FixSource")));
        Files.move(fixed, broken, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(await(() -> host.plugin("fixed").isPresent()), "replaced zip not loaded: " + host.notLoaded());
        assertEquals(List.of(stray.toAbsolutePath()), host.notLoaded().stream().map(NotLoadedPlugin::path).toList());
        Files.delete(stray);
        assertTrue(await(() -> host.notLoaded().isEmpty()), host.notLoaded().toString());
    }

    @Test
    void aRescanLoadsWhatIsNotLoadedAndLeavesLoadedPluginsAlone() throws IOException {
        pack(pluginsDir().resolve("kept-1.0.jar"), plainManifest(), connectorClasses("com.acme.kept.KeptSource"));
        Pf4jPluginHost host = host();
        host.start();
        PluginDescriptorInfo kept = host.plugin("kept").orElseThrow();
        pack(pluginsDir().resolve("late-1.0.jar"), plainManifest(), connectorClasses("com.acme.late.LateSource"));

        host.rescan(); // whether the watcher saw it first or not, it is loaded once this returns
        assertTrue(host.plugin("late").isPresent(), host.plugins().toString());
        assertSame(kept, host.plugin("kept").orElseThrow(), "a loaded plugin is not loaded again");
        assertTrue(host.rescan().isEmpty(), "nothing new the second time");
    }

    @Test
    void anUploadMayReplaceAFileOfItsNameThatDidNotLoad() throws IOException {
        TestPlugins.write(pluginsDir().resolve("mend-1.0.jar"), "this is not a jar".getBytes());
        Pf4jPluginHost host = host();
        host.start();
        assertEquals(1, host.notLoaded().size());

        PluginDescriptorInfo installed = host.install("mend-1.0.jar", new ByteArrayInputStream(plainJar("com.acme.mend.MendSource")));
        assertEquals("mend", installed.id());
        assertTrue(host.notLoaded().isEmpty(), host.notLoaded().toString());
        // a file of that name that is loaded is not replaced
        PluginException e = assertThrows(PluginException.class,
                () -> host.install("mend-1.0.jar", new ByteArrayInputStream(plainJar("com.acme.mend2.MendSource"))));
        assertEquals(Reason.CONFLICT, e.reason());
    }

    @Test
    void concurrentInstallsAreSerializedAndAllSucceed() throws Exception {
        Pf4jPluginHost host = host();
        host.start();
        List<byte[]> jars = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jars.add(plainJar("com.acme.par" + i + ".ParSource"));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<PluginDescriptorInfo>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                results.add(pool.submit(() -> host.install("par" + n + "-1.0.jar", new ByteArrayInputStream(jars.get(n)))));
            }
            for (java.util.concurrent.Future<PluginDescriptorInfo> result : results) {
                assertEquals(1, result.get().components().size());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("par0", "par1", "par2", "par3"),
                host.plugins().stream().map(PluginDescriptorInfo::id).sorted().toList());
    }

    @Test
    void newInstanceOfAnUnknownClassIsNotFound() {
        Pf4jPluginHost host = host();
        host.start();
        assertEquals(Reason.NOT_FOUND,
                assertThrows(PluginException.class, () -> host.newInstance("no.Such", SourceConnector.class)).reason());
    }

    /** Polls a condition for up to ~10 s. */
    static boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
