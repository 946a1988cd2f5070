package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import io.openmessaging.omsconnect.WorkerMain;
import io.openmessaging.omsconnect.config.WorkerConfig;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real worker in this JVM for integration tests: its own store and plugins folder (a copy of the plugins
 * the build put into plugins-dir, so tests may install and delete freely), REST on a free port.
 */
public final class TestWorker implements AutoCloseable {
    private final Path root;
    private final Properties props;
    private WorkerMain main;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestWorker(Path root, Properties props) {
        this.root = root;
        this.props = props;
    }

    /** The folder the build fills with our plugins. */
    public static Path builtPluginsDir() {
        String dir = System.getProperty("omsconnect.pluginsDir", "../plugins-dir");
        Path p = Path.of(dir).toAbsolutePath().normalize();
        boolean built = Files.isDirectory(p) && list(p).stream().anyMatch(f -> f.getFileName().toString().startsWith("file-connector"));
        if (!built) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("plugins-dir " + p + " holds no built plugins: run mvn package first");
            }
            Assumptions.abort("plugins-dir " + p + " holds no built plugins; run `mvn package` from the top folder");
        }
        return p;
    }

    /** A plugin archive from the build's plugins-dir whose file name starts with {@code prefix}. */
    public static Path builtPlugin(String prefix) {
        return list(builtPluginsDir()).stream()
                .filter(f -> f.getFileName().toString().startsWith(prefix))
                .filter(f -> Files.isRegularFile(f))
                .findFirst().orElseThrow(() -> new IllegalStateException("no built plugin " + prefix + "*"));
    }

    /** A worker under {@code root} whose plugins folder holds the built plugins named by these prefixes. */
    public static TestWorker create(Path root, String... pluginPrefixes) throws IOException {
        Path plugins = root.resolve("plugins");
        Files.createDirectories(plugins);
        for (String prefix : pluginPrefixes) {
            Path src = builtPlugin(prefix);
            Files.copy(src, plugins.resolve(src.getFileName()));
        }
        Properties p = new Properties();
        p.setProperty("workerId", "it-worker");
        p.setProperty("httpPort", "0");
        p.setProperty("storePathRootDir", root.resolve("store").toString());
        p.setProperty("pluginsDir", plugins.toString());
        p.setProperty("offsetFlushIntervalMs", "200");
        return new TestWorker(root, p);
    }

    public TestWorker set(String key, String value) {
        props.setProperty(key, value);
        return this;
    }

    public Path pluginsDir() {
        return Path.of(props.getProperty("pluginsDir"));
    }

    public Properties properties() {
        return props;
    }

    public TestWorker start() throws Exception {
        main = new WorkerMain(WorkerConfig.from(props, root));
        main.start();
        return this;
    }

    public WorkerMain main() {
        return main;
    }

    public void stop() {
        if (main != null) {
            main.close();
            main = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + main.restPort() + path;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String path, Object jsonBody) throws Exception {
        String body = jsonBody instanceof String s ? s : JSON.toJSONString(jsonBody);
        return http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> upload(String path, byte[] archive) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(archive)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code condition} until true or {@code timeout}; fails with {@code what} otherwise. */
    public static void await(String what, Duration timeout, ThrowingSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Whether a {@code GET /connectors/{c}/status} body shows tasks, all of them RUNNING. */
    public static boolean tasksRunning(String statusBody) {
        com.alibaba.fastjson2.JSONArray tasks = JSON.parseObject(statusBody).getJSONArray("tasks");
        return tasks != null && !tasks.isEmpty() && tasks.stream()
                .allMatch(t -> "RUNNING".equals(((com.alibaba.fastjson2.JSONObject) t).getString("state")));
    }

    /** Lines of a file, empty when it does not exist yet. */
    public static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /**
     * The lines of a file another process may be appending to, up to its last newline: a last line still being
     * written (an append is not one atomic write: it can be seen half done) is left out until it is whole.
     */
    public static List<String> wholeLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @FunctionalInterface
    public interface ThrowingSupplier {
        boolean get() throws Exception;
    }

}
