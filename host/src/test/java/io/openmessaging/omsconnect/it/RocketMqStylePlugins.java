package io.openmessaging.omsconnect.it;

import io.openmessaging.omsconnect.plugin.TestPlugins;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A source connector compiled at test time that behaves as RocketMQ Connect's connectors do where our worker
 * must meet them: it sets its records' {@code topic} extension to {@code ""} (RocketMQ Connect's sample source
 * does when its own {@code topic} key is unset; the runtime then sends to {@code connect.topicname}), and it reads
 * a nested JSON config value as its JSON text (RocketMQ Connect's Kafka-connector adapter takes the Kafka
 * connector's config so, in {@code kafka.connector.configs}): the lines it emits are {@code <prefix><n>} for
 * {@code n} below {@code count}, {@code prefix} taken from that JSON object. The plugin also holds an abstract
 * transform ({@link #ABSTRACT_TRANSFORM}), as RocketMQ Connect's transforms plugin holds abstract bases.
 */
final class RocketMqStylePlugins {
    static final String PKG = "test.rmqstyle";
    static final String SOURCE = PKG + ".LinesSourceConnector";
    static final String ABSTRACT_TRANSFORM = PKG + ".AbstractUpper";

    private RocketMqStylePlugins() {
    }

    static Path write(Path pluginsDir) {
        Map<String, String> sources = new LinkedHashMap<>();
        String imports = "package " + PKG + ";\n"
                + "import io.openmessaging.KeyValue;\n"
                + "import io.openmessaging.internal.DefaultKeyValue;\n"
                + "import io.openmessaging.connector.api.component.Transform;\n"
                + "import io.openmessaging.connector.api.component.task.Task;\n"
                + "import io.openmessaging.connector.api.component.task.source.*;\n"
                + "import io.openmessaging.connector.api.data.*;\n"
                + "import io.openmessaging.connector.api.errors.ConnectException;\n"
                + "import java.util.*;\n"
                + "import java.util.regex.*;\n";
        sources.put(SOURCE, imports
                + "public class LinesSourceConnector extends SourceConnector {\n"
                + "  KeyValue config;\n"
                + "  public void validate(KeyValue c) { LinesSourceTask.prefix(c); }\n"
                + "  public void start(KeyValue c) { config = c; }\n"
                + "  public void stop() {}\n"
                + "  public List<KeyValue> taskConfigs(int n) {\n"
                + "    KeyValue kv = new DefaultKeyValue();\n"
                + "    for (String k : config.keySet()) kv.put(k, config.getString(k));\n"
                + "    return List.of(kv);\n"
                + "  }\n"
                + "  public Class<? extends Task> taskClass() { return LinesSourceTask.class; }\n"
                + "}\n");
        sources.put(PKG + ".LinesSourceTask", imports
                + "public class LinesSourceTask extends SourceTask {\n"
                + "  String prefix; int count; int next;\n"
                // the nested value arrives as JSON text: {"prefix":"...", ...}
                + "  static String prefix(KeyValue c) {\n"
                + "    String nested = c.getString(\"kafka.connector.configs\");\n"
                + "    Matcher m = nested == null ? null : Pattern.compile(\"\\\"prefix\\\"\\\\s*:\\\\s*\\\"([^\\\"]*)\\\"\").matcher(nested);\n"
                + "    if (m == null || !nested.trim().startsWith(\"{\") || !m.find()) {\n"
                + "      throw new ConnectException(\"'kafka.connector.configs' must be a JSON object with a prefix, was \" + nested);\n"
                + "    }\n"
                + "    return m.group(1);\n"
                + "  }\n"
                + "  public void start(KeyValue c) {\n"
                + "    prefix = prefix(c);\n"
                + "    count = Integer.parseInt(c.getString(\"count\"));\n"
                + "    RecordOffset done = sourceTaskContext.offsetStorageReader().readOffset(new RecordPartition(Map.of(\"lines\", prefix)));\n"
                + "    next = done == null ? 0 : Integer.parseInt(String.valueOf(done.getOffset().get(\"next\")));\n"
                + "  }\n"
                + "  public List<ConnectRecord> poll() throws InterruptedException {\n"
                + "    if (next >= count) { Thread.sleep(20); return Collections.emptyList(); }\n"
                + "    List<ConnectRecord> out = new ArrayList<>();\n"
                + "    for (; next < count && out.size() < 10; next++) {\n"
                + "      ConnectRecord r = new ConnectRecord(new RecordPartition(Map.of(\"lines\", prefix)),\n"
                + "          new RecordOffset(Map.of(\"next\", next + 1)), System.currentTimeMillis(), SchemaBuilder.string().build(), prefix + next);\n"
                + "      r.addExtension(\"topic\", \"\");\n" // as RocketMQ Connect's sample source with its topic unset
                + "      out.add(r);\n"
                + "    }\n"
                + "    return out;\n"
                + "  }\n"
                + "  public void stop() {}\n"
                + "}\n");
        sources.put(ABSTRACT_TRANSFORM, imports
                + "public abstract class AbstractUpper implements Transform<ConnectRecord> {\n"
                + "  public void start(KeyValue c) {}\n"
                + "  public void stop() {}\n"
                + "}\n");
        sources.put(PKG + ".Upper", imports
                + "public class Upper extends AbstractUpper {\n"
                + "  public ConnectRecord doTransform(ConnectRecord r) { return r; }\n"
                + "}\n");
        return TestPlugins.pack(pluginsDir.resolve("rmq-style-connectors-1.0.0.jar"),
                TestPlugins.pf4jManifest("rmq-style-connectors", "1.0.0"), TestPlugins.compile(sources));
    }
}
