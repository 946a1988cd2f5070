package io.openmessaging.omsconnect.plugin;

import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.connector.api.component.task.source.SourceConnector;
import io.openmessaging.omsconnect.api.OmsDriver;

import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds test plugins at test time: compiles Java sources in memory against the host's API jars, and
 * packs the classes into jars or zips, with or without a pf4j manifest. No binary fixtures.
 */
public final class TestPlugins {

    private TestPlugins() {
    }

    /** javac is the slow part of these tests: the same sources are compiled once per test run. */
    private static final Map<Map<String, String>, Map<String, byte[]>> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Compiles {@code sources} (class name → source) into class-file entries (path in a jar → bytes). */
    public static Map<String, byte[]> compile(Map<String, String> sources) {
        return COMPILED.computeIfAbsent(Map.copyOf(sources), TestPlugins::compileNow);
    }

    private static Map<String, byte[]> compileNow(Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
        try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            JavaFileManager fileManager = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                           FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return outputs.computeIfAbsent(className.replace('.', '/') + ".class", k -> new ByteArrayOutputStream());
                        }
                    };
                }
            };
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((name, code) -> units.add(new SimpleJavaFileObject(
                    URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return code;
                }
            }));
            List<String> options = List.of("--release", "17", "-classpath", apiClasspath(), "-proc:none");
            Boolean ok = compiler.getTask(null, fileManager, diagnostics, options, null, units).call();
            if (!ok) {
                throw new IllegalStateException("Test plugin did not compile: " + diagnostics.getDiagnostics());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        outputs.forEach((path, bytes) -> classes.put(path, bytes.toByteArray()));
        return classes;
    }

    /** A manifest entry map with a pf4j Plugin-Id and Plugin-Version. */
    public static Map<String, byte[]> pf4jManifest(String id, String version) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
        return Map.of("META-INF/MANIFEST.MF", toBytes(manifest));
    }

    /** A manifest without any plugin attribute, as a plain library jar has. */
    public static Map<String, byte[]> plainManifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Created-By", "TestPlugins");
        return Map.of("META-INF/MANIFEST.MF", toBytes(manifest));
    }

    public static Map<String, byte[]> pluginProperties(String id, String version) {
        String text = "plugin.id=" + id + "\nplugin.version=" + version + "\nplugin.provider=test\n";
        return Map.of("plugin.properties", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes entries (manifest first, as jar readers expect) into a zip or jar file. */
    @SafeVarargs
    public static Path pack(Path file, Map<String, byte[]>... parts) {
        return write(file, zipBytes(parts));
    }

    @SafeVarargs
    public static byte[] zipBytes(Map<String, byte[]>... parts) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Map<String, byte[]> part : parts) {
            part.entrySet().stream().filter(e -> e.getKey().startsWith("META-INF/MANIFEST"))
                    .forEach(e -> entries.put(e.getKey(), e.getValue()));
        }
        for (Map<String, byte[]> part : parts) {
            entries.putAll(part);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One entry holding a whole jar, e.g. {@code lib/x.jar} inside a pf4j zip. */
    @SafeVarargs
    public static Map<String, byte[]> nestedJar(String path, Map<String, byte[]>... parts) {
        return Map.of(path, zipBytes(parts));
    }

    public static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Source of a minimal concrete SourceConnector. */
    public static String sourceConnector(String className) {
        return sourceConnector(className, "");
    }

    /** Source of a minimal concrete SourceConnector with {@code members} (constructors, methods) added to it. */
    public static String sourceConnector(String className, String members) {
        int dot = className.lastIndexOf('.');
        return "package " + className.substring(0, dot) + ";\n"
                + "import io.openmessaging.KeyValue; import java.util.List;\n"
                + "public class " + className.substring(dot + 1) + " extends io.openmessaging.connector.api.component.task.source.SourceConnector {\n"
                + "  public void start(KeyValue config) {}\n"
                + "  public void stop() {}\n"
                + "  public List<KeyValue> taskConfigs(int max) { return List.of(); }\n"
                + "  public Class<? extends io.openmessaging.connector.api.component.task.Task> taskClass() { return null; }\n"
                + members
                + "}\n";
    }

    private static String apiClasspath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(SourceConnector.class, MessagingAccessPoint.class, OmsDriver.class,
                org.pf4j.Plugin.class, org.slf4j.Logger.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static byte[] toBytes(Manifest manifest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            manifest.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
