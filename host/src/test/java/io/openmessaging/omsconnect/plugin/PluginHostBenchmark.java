package io.openmessaging.omsconnect.plugin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures the plugin host (not a test: timings vary with the machine). Usage:
 * {@code PluginHostBenchmark <plugins dir to copy>}. Prints the cold boot (zips extracted, jars scanned),
 * the warm boot (a restart reusing extractions), the scan time per plugin, and the median of 50 hot
 * installs of a small connector jar.
 */
public final class PluginHostBenchmark {

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args.length > 0 ? args[0] : System.getProperty("omsconnect.pluginsDir", "plugins-dir"));
        Path dir = Files.createTempDirectory("plugin-bench");
        try (Stream<Path> entries = Files.list(source)) {
            for (Path entry : entries.filter(Files::isRegularFile).toList()) {
                Files.copy(entry, dir.resolve(entry.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String phase : List.of("cold boot", "warm boot")) {
            long start = System.nanoTime();
            try (Pf4jPluginHost host = new Pf4jPluginHost(dir)) {
                host.start();
                System.out.printf("%s: %d plugins, %d components in %d ms%n", phase, host.plugins().size(),
                        host.components().size(), (System.nanoTime() - start) / 1_000_000);
            }
        }
        ComponentScanner scanner = new ComponentScanner();
        PluginsDirLayout layout = new PluginsDirLayout(dir);
        {
            for (Path entry : layout.pluginEntries()) {
                Path scanned = ZipExtractions.isZipName(entry) ? new ZipExtractions(layout).ensureExtracted(entry) : entry;
                long start = System.nanoTime();
                List<java.net.URL> urls = new ArrayList<>();
                for (Path p : IsolatingPluginLoader.classpathOf(scanned)) {
                    urls.add(p.toUri().toURL());
                }
                int found = scanner.scan(urls).size();
                System.out.printf("scan %s: %d candidates in %d ms%n", entry.getFileName(), found, (System.nanoTime() - start) / 1_000_000);
            }
        }
        byte[] jar = TestPlugins.zipBytes(TestPlugins.plainManifest(), TestPlugins.compile(Map.of(
                "com.acme.bench.BenchSource", TestPlugins.sourceConnector("com.acme.bench.BenchSource"))));
        try (Pf4jPluginHost host = new Pf4jPluginHost(dir)) {
            host.start();
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long start = System.nanoTime();
                host.install("bench-1.0.jar", new ByteArrayInputStream(jar));
                micros.add((System.nanoTime() - start) / 1000);
                host.uninstall("bench");
            }
            Collections.sort(micros);
            System.out.printf("hot install of a small jar: median %.1f ms, max %.1f ms%n", micros.get(25) / 1000.0,
                    micros.get(49) / 1000.0);
        }
        PluginsDirLayout.deleteTree(dir);
    }
}
