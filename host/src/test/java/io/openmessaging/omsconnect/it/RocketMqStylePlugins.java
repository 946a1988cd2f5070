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
 * transform ({@link #ABSTRACT_TRANSFORM}), as RocketMQ Connect's transforms plugin holds abstract bases. The
 * source writes what {@code commit(record, metadata)} tells it of each sent record to {@code metadata.file}; the
 * sink ({@link #SINK}) reads its records' positions as RocketMQ Connect's Kafka-connector adapter does (every
 * value text, cast to {@code String}), once rewinds with {@code resetOffset}, and, given {@code start.topic} and
 * {@code start.offset}, starts there (a {@code resetOffset} in {@code start}).
 */
final class RocketMqStylePlugins {
    static final String PKG = "test.rmqstyle";
    static final String SOURCE = PKG + ".LinesSourceConnector";
    static final String ABSTRACT_TRANSFORM = PKG + ".AbstractUpper";
    static final String SINK = PKG + ".AdapterStyleSinkConnector";

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
                + "import io.openmessaging.connector.api.component.task.sink.*;\n"
                + "import java.nio.charset.StandardCharsets;\n"
                + "import java.nio.file.*;\n"
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
                + "  String prefix; int count; int next; String metadataFile;\n"
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
                + "    metadataFile = c.getString(\"metadata.file\");\n"
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
                // as RocketMQ Connect's sources read it: the send result of each record, one line per record
                + "  public void commit(ConnectRecord r, Map<String, String> metadata) {\n"
                + "    String file = metadataFile;\n"
                + "    if (file == null) return;\n"
                + "    StringBuilder line = new StringBuilder(String.valueOf(r.getData()));\n"
                + "    new TreeMap<>(metadata).forEach((k, v) -> line.append('|').append(k).append('=').append(v));\n"
                + "    try { Files.writeString(Path.of(file), line + \"\\n\", StandardOpenOption.CREATE, StandardOpenOption.APPEND); }\n"
                + "    catch (java.io.IOException e) { throw new ConnectException(e); }\n"
                + "  }\n"
                + "}\n");
        sources.put(SINK, imports
                + "public class AdapterStyleSinkConnector extends SinkConnector {\n"
                + "  KeyValue config;\n"
                + "  public void validate(KeyValue c) {}\n"
                + "  public void start(KeyValue c) { config = c; }\n"
                + "  public void stop() {}\n"
                + "  public List<KeyValue> taskConfigs(int n) { return List.of(config); }\n"
                + "  public Class<? extends Task> taskClass() { return AdapterStyleSinkTask.class; }\n"
                + "}\n");
        // reads positions as RocketMQ Connect's Kafka-connector adapter does (text, cast to String), writes
        // "<value>|<topic>|<brokerName>|<queueId>|<queueOffset>" per record; on first seeing rewind.at it writes
        // it, then resets the offset to where rewind.to was seen and drops the rest of that put (it comes again)
        sources.put(PKG + ".AdapterStyleSinkTask", imports
                + "public class AdapterStyleSinkTask extends SinkTask {\n"
                + "  Path out; String rewindAt; String rewindTo; boolean rewound; Map<String, String> seen = new HashMap<>();\n"
                + "  public void start(KeyValue c) {\n"
                + "    out = Path.of(c.getString(\"file\")); rewindAt = c.getString(\"rewind.at\"); rewindTo = c.getString(\"rewind.to\");\n"
                // as a sink that keeps its own positions: it says where to start
                + "    if (c.getString(\"start.topic\") != null) {\n"
                + "      sinkTaskContext.resetOffset(new RecordPartition(Map.of(\"topic\", c.getString(\"start.topic\"))),\n"
                + "          new RecordOffset(Map.of(\"queueOffset\", c.getString(\"start.offset\"))));\n"
                + "    }\n"
                + "  }\n"
                + "  public void put(List<ConnectRecord> records) {\n"
                + "    StringBuilder lines = new StringBuilder();\n"
                + "    try {\n"
                + "      for (ConnectRecord r : records) {\n"
                + "        Map<String, ?> p = r.getPosition().getPartition().getPartition();\n"
                + "        int queueId = Integer.valueOf((String) p.get(\"queueId\"));\n"
                + "        String offset = (String) r.getPosition().getOffset().getOffset().get(\"queueOffset\");\n"
                + "        long queueOffset = offset == null ? -1 : Long.valueOf(offset);\n"
                + "        String data = String.valueOf(r.getData());\n"
                + "        seen.putIfAbsent(data, offset);\n"
                + "        lines.append(data).append('|').append((String) p.get(\"topic\")).append('|').append((String) p.get(\"brokerName\"))\n"
                + "            .append('|').append(queueId).append('|').append(queueOffset).append('\\n');\n"
                + "        if (!rewound && data.equals(rewindAt)) {\n"
                + "          rewound = true;\n"
                + "          sinkTaskContext.resetOffset(r.getPosition().getPartition(), new RecordOffset(Map.of(\"queueOffset\", seen.get(rewindTo))));\n"
                + "          break;\n"
                + "        }\n"
                + "      }\n"
                + "      Files.writeString(out, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);\n"
                + "    } catch (java.io.IOException e) { throw new ConnectException(e); }\n"
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
