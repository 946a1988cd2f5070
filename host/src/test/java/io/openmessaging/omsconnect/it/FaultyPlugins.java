package io.openmessaging.omsconnect.it;

import io.openmessaging.omsconnect.plugin.TestPlugins;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test plugin, compiled at test time, whose connectors misbehave on purpose: throw in start, throw in
 * poll or put, hang in stop, leak threads; and a transform that throws on records containing "poison".
 */
final class FaultyPlugins {
    static final String PKG = "test.faulty";
    static final String THROWING_START = PKG + ".ThrowingStartConnector";
    static final String FAILING_POLL = PKG + ".FailingPollConnector";
    static final String HANGING_STOP = PKG + ".HangingStopConnector";
    static final String LEAKING_THREADS = PKG + ".LeakingThreadsConnector";
    static final String FAILING_PUT = PKG + ".FailingPutConnector";
    static final String POISON_TRANSFORM = PKG + ".PoisonTransform";

    private FaultyPlugins() {
    }

    /** Writes the plugin jar into {@code pluginsDir}. */
    static Path write(Path pluginsDir) {
        Map<String, String> sources = new LinkedHashMap<>();
        String imports = "package " + PKG + ";\n"
                + "import io.openmessaging.KeyValue; import io.openmessaging.internal.DefaultKeyValue;\n"
                + "import io.openmessaging.connector.api.component.task.Task;\n"
                + "import io.openmessaging.connector.api.component.task.source.*;\n"
                + "import io.openmessaging.connector.api.component.task.sink.*;\n"
                + "import io.openmessaging.connector.api.data.*;\n"
                + "import java.util.*;\n";
        sources.put(THROWING_START, imports
                + "public class ThrowingStartConnector extends SourceConnector {\n"
                + "  public void start(KeyValue c) { throw new IllegalStateException(\"boom in start\"); }\n"
                + "  public void stop() {}\n"
                + "  public List<KeyValue> taskConfigs(int n) { return List.of(new DefaultKeyValue()); }\n"
                + "  public Class<? extends Task> taskClass() { return QuietTask.class; }\n"
                + "}\n");
        sources.put(PKG + ".QuietTask", imports
                + "public class QuietTask extends SourceTask {\n"
                + "  public void start(KeyValue c) {}\n"
                + "  public void stop() {}\n"
                + "  public List<ConnectRecord> poll() throws InterruptedException { Thread.sleep(50); return List.of(); }\n"
                + "}\n");
        sources.put(FAILING_POLL, connector("FailingPollConnector", "FailingPollTask"));
        // fails on its first N polls in this classloader (N = config fail-times, default forever), then idles
        sources.put(PKG + ".FailingPollTask", imports
                + "public class FailingPollTask extends SourceTask {\n"
                + "  static final java.util.concurrent.atomic.AtomicInteger FAILURES = new java.util.concurrent.atomic.AtomicInteger();\n"
                + "  int failTimes;\n"
                + "  public void start(KeyValue c) { failTimes = c.getInt(\"fail-times\", Integer.MAX_VALUE); }\n"
                + "  public void stop() {}\n"
                + "  public List<ConnectRecord> poll() throws InterruptedException {\n"
                + "    if (FAILURES.incrementAndGet() <= failTimes) throw new IllegalStateException(\"boom in poll\");\n"
                + "    Thread.sleep(50); return List.of(); }\n"
                + "}\n");
        sources.put(HANGING_STOP, connector("HangingStopConnector", "HangingStopTask"));
        sources.put(PKG + ".HangingStopTask", imports
                + "public class HangingStopTask extends SourceTask {\n"
                + "  public void start(KeyValue c) {}\n"
                + "  public void stop() { while (true) { try { Thread.sleep(1000); } catch (InterruptedException e) { /* ignores it */ } } }\n"
                + "  public List<ConnectRecord> poll() throws InterruptedException { Thread.sleep(50); return List.of(); }\n"
                + "}\n");
        sources.put(LEAKING_THREADS, connector("LeakingThreadsConnector", "LeakingThreadsTask"));
        sources.put(PKG + ".LeakingThreadsTask", imports
                + "public class LeakingThreadsTask extends SourceTask {\n"
                + "  public void start(KeyValue c) { for (int i = 0; i < 3; i++) { Thread t = new Thread(() -> {\n"
                + "      while (true) { try { Thread.sleep(1000); } catch (InterruptedException e) { } } }, \"leaked-\" + i); t.start(); } }\n"
                + "  public void stop() {}\n"
                + "  public List<ConnectRecord> poll() throws InterruptedException { Thread.sleep(50); return List.of(); }\n"
                + "}\n");
        sources.put(FAILING_PUT, imports
                + "public class FailingPutConnector extends SinkConnector {\n"
                + "  KeyValue config;\n"
                + "  public void start(KeyValue c) { config = c; }\n"
                + "  public void stop() {}\n"
                + "  public List<KeyValue> taskConfigs(int n) { return List.of(config); }\n"
                + "  public Class<? extends Task> taskClass() { return FailingPutTask.class; }\n"
                + "}\n");
        sources.put(PKG + ".FailingPutTask", imports
                + "public class FailingPutTask extends SinkTask {\n"
                + "  public void start(KeyValue c) {}\n"
                + "  public void stop() {}\n"
                + "  public void put(List<ConnectRecord> records) { throw new IllegalStateException(\"boom in put\"); }\n"
                + "}\n");
        sources.put(POISON_TRANSFORM, imports
                + "public class PoisonTransform implements io.openmessaging.connector.api.component.Transform<ConnectRecord> {\n"
                + "  public void start(KeyValue c) {}\n"
                + "  public void stop() {}\n"
                + "  public ConnectRecord doTransform(ConnectRecord r) {\n"
                + "    if (String.valueOf(r.getData()).contains(\"poison\")) throw new IllegalArgumentException(\"poisoned record\");\n"
                + "    return r; }\n"
                + "}\n");
        return TestPlugins.pack(pluginsDir.resolve("faulty-plugin-1.0.0.jar"), TestPlugins.pf4jManifest("faulty-plugin", "1.0.0"),
                TestPlugins.compile(sources));
    }

    private static String connector(String name, String task) {
        return "package " + PKG + ";\n"
                + "import io.openmessaging.KeyValue;\n"
                + "import io.openmessaging.connector.api.component.task.Task;\n"
                + "import io.openmessaging.connector.api.component.task.source.SourceConnector;\n"
                + "import java.util.List;\n"
                + "public class " + name + " extends SourceConnector {\n"
                + "  KeyValue config;\n"
                + "  public void start(KeyValue c) { config = c; }\n"
                + "  public void stop() {}\n"
                + "  public List<KeyValue> taskConfigs(int n) { return List.of(config); }\n"
                + "  public Class<? extends Task> taskClass() { return " + task + ".class; }\n"
                + "}\n";
    }
}
