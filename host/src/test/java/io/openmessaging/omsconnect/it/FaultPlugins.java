package io.openmessaging.omsconnect.it;

import io.openmessaging.omsconnect.plugin.TestPlugins;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connector pair compiled at test time that fails on purpose, where and how its config says, for the fault
 * matrix ({@link FaultMatrixIT}):
 * <ul>
 *   <li>{@code fault.hook}: {@code start}, {@code poll}, {@code commit-record} ({@code commit(record, metadata)}),
 *       {@code commit}, {@code stop} of the source task; {@code start}, {@code put}, {@code flush} (reached through
 *       {@code preCommit}), {@code stop} of the sink task; {@code start} of the source connector (side
 *       {@code connector}). {@code fault.side} says which side the fault is in;</li>
 *   <li>{@code fault.kind}: {@code throw} (an IllegalStateException), {@code retriable} (a RetriableException),
 *       {@code hang} (blocks, ignoring interrupts, until the switch file is gone);</li>
 *   <li>{@code fault.switch}: a file; the fault is armed while it exists; {@code fault.times}: at most this
 *       many faults (default: no limit while the switch is on);</li>
 *   <li>{@code fault.after}: the fault fires only once this many records went through the faulty side (a put
 *       fires on the batch that would take it past that many).</li>
 * </ul>
 * The source emits {@code records} lines {@code <prefix>-<n>}, resuming after its stored position; the sink
 * buffers what {@code put} gets and appends it to {@code file} in {@code flush} (as a real sink writes out on
 * flush), so whatever it acknowledged is in the file. Both fail before doing any of the hook's work.
 */
final class FaultPlugins {
    static final String PKG = "test.fault";
    static final String SOURCE = PKG + ".FaultSourceConnector";
    static final String SINK = PKG + ".FaultSinkConnector";

    private FaultPlugins() {
    }

    /** Writes the plugin jar into {@code pluginsDir}. */
    static Path write(Path pluginsDir) {
        Map<String, String> sources = new LinkedHashMap<>();
        String imports = "package " + PKG + ";\n"
                + "import io.openmessaging.KeyValue;\n"
                + "import io.openmessaging.connector.api.component.task.Task;\n"
                + "import io.openmessaging.connector.api.component.task.source.*;\n"
                + "import io.openmessaging.connector.api.component.task.sink.*;\n"
                + "import io.openmessaging.connector.api.data.*;\n"
                + "import io.openmessaging.connector.api.errors.RetriableException;\n"
                + "import java.nio.charset.StandardCharsets;\n"
                + "import java.nio.file.*;\n"
                + "import java.util.*;\n"
                + "import java.util.concurrent.ConcurrentHashMap;\n"
                + "import java.util.concurrent.atomic.AtomicLong;\n";
        sources.put(PKG + ".Fault", imports
                + "public final class Fault {\n"
                + "  /** Faults fired and records seen so far, per connector (fault.id): task runs come and go, these stay. */\n"
                + "  static final Map<String, AtomicLong> FIRED = new ConcurrentHashMap<>();\n"
                + "  static final Map<String, AtomicLong> SEEN = new ConcurrentHashMap<>();\n"
                + "  final String id, side, hook, kind; final Path armed; final long times, after;\n"
                + "  Fault(KeyValue c, String side) {\n"
                + "    this.id = c.getString(\"fault.id\"); this.side = side;\n"
                + "    this.hook = side.equals(c.getString(\"fault.side\")) ? c.getString(\"fault.hook\") : \"none\";\n"
                + "    this.kind = c.getString(\"fault.kind\", \"throw\");\n"
                + "    this.armed = Path.of(c.getString(\"fault.switch\"));\n"
                + "    this.times = c.getLong(\"fault.times\", Long.MAX_VALUE);\n"
                + "    this.after = c.getLong(\"fault.after\", 0);\n"
                + "  }\n"
                + "  void seen(long n) { SEEN.computeIfAbsent(id + side, k -> new AtomicLong()).addAndGet(n); }\n"
                + "  long seen() { return SEEN.computeIfAbsent(id + side, k -> new AtomicLong()).get(); }\n"
                + "  void at(String where) { at(where, 0); }\n"
                + "  /** incoming: records this call brings (put); the call that would take the side past fault.after fires. */\n"
                + "  void at(String where, int incoming) {\n"
                + "    long reached = seen() + incoming;\n"
                + "    if (!hook.equals(where) || (incoming > 0 ? reached <= after : reached < after) || !Files.exists(armed)) return;\n"
                + "    AtomicLong fired = FIRED.computeIfAbsent(id, k -> new AtomicLong());\n"
                + "    if (fired.get() >= times) return;\n"
                + "    fired.incrementAndGet();\n"
                + "    try { Files.writeString(Path.of(armed + \".fired\"), where + \"\\n\", StandardOpenOption.CREATE, StandardOpenOption.APPEND); }\n"
                + "    catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }\n"
                + "    if (kind.equals(\"hang\")) {\n"
                + "      while (Files.exists(armed)) { try { Thread.sleep(20); } catch (InterruptedException e) { /* a hang ignores it */ } }\n"
                + "      return;\n"
                + "    }\n"
                + "    if (kind.equals(\"retriable\")) throw new RetriableException(\"injected retriable fault in \" + where);\n"
                + "    throw new IllegalStateException(\"injected fault in \" + where);\n"
                + "  }\n"
                + "}\n");
        sources.put(SOURCE, imports
                + "public class FaultSourceConnector extends SourceConnector {\n"
                + "  KeyValue config;\n"
                + "  public void start(KeyValue c) { new Fault(c, \"connector\").at(\"start\"); config = c; }\n"
                + "  public void stop() {}\n"
                + "  public List<KeyValue> taskConfigs(int n) { return List.of(config); }\n"
                + "  public Class<? extends Task> taskClass() { return FaultSourceTask.class; }\n"
                + "}\n");
        sources.put(PKG + ".FaultSourceTask", imports
                + "public class FaultSourceTask extends SourceTask {\n"
                + "  Fault fault; String prefix; long records, next; int batch; RecordPartition partition;\n"
                + "  public void start(KeyValue c) {\n"
                + "    fault = new Fault(c, \"source\");\n"
                + "    fault.at(\"start\");\n"
                + "    prefix = c.getString(\"prefix\"); records = c.getLong(\"records\"); batch = c.getInt(\"batch\", 20);\n"
                + "    partition = new RecordPartition(Map.of(\"source\", prefix));\n"
                + "    RecordOffset stored = sourceTaskContext.offsetStorageReader().readOffset(partition);\n"
                + "    next = stored == null ? 0 : Long.parseLong(stored.getOffset().get(\"next\").toString());\n"
                + "  }\n"
                + "  public void stop() { fault.at(\"stop\"); }\n"
                + "  public List<ConnectRecord> poll() throws InterruptedException {\n"
                + "    fault.at(\"poll\");\n"
                + "    if (next >= records) { Thread.sleep(20); return List.of(); }\n"
                + "    List<ConnectRecord> out = new ArrayList<>();\n"
                + "    for (int i = 0; i < batch && next < records; i++, next++) {\n"
                + "      out.add(new ConnectRecord(partition, new RecordOffset(Map.of(\"next\", next + 1)), System.currentTimeMillis(),\n"
                + "          null, String.format(\"%s-%06d\", prefix, next)));\n"
                + "    }\n"
                + "    fault.seen(out.size());\n"
                + "    return out;\n"
                + "  }\n"
                + "  public void commit(ConnectRecord record, Map<String, String> metadata) { fault.at(\"commit-record\"); }\n"
                + "  public void commit() { fault.at(\"commit\"); }\n"
                + "}\n");
        sources.put(SINK, imports
                + "public class FaultSinkConnector extends SinkConnector {\n"
                + "  KeyValue config;\n"
                + "  public void start(KeyValue c) { config = c; }\n"
                + "  public void stop() {}\n"
                + "  public List<KeyValue> taskConfigs(int n) { return List.of(config); }\n"
                + "  public Class<? extends Task> taskClass() { return FaultSinkTask.class; }\n"
                + "}\n");
        sources.put(PKG + ".FaultSinkTask", imports
                + "public class FaultSinkTask extends SinkTask {\n"
                + "  Fault fault; Path file; final StringBuilder buffer = new StringBuilder();\n"
                + "  public void start(KeyValue c) { fault = new Fault(c, \"sink\"); fault.at(\"start\"); file = Path.of(c.getString(\"file\")); }\n"
                + "  public void put(List<ConnectRecord> records) {\n"
                + "    fault.at(\"put\", records.size());\n"
                + "    for (ConnectRecord r : records) buffer.append(r.getData()).append('\\n');\n"
                + "    fault.seen(records.size());\n"
                + "  }\n"
                + "  public void flush(Map<RecordPartition, RecordOffset> offsets) {\n"
                + "    fault.at(\"flush\");\n"
                + "    try { Files.writeString(file, buffer, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND); }\n"
                + "    catch (java.io.IOException e) { throw new io.openmessaging.connector.api.errors.ConnectException(e); }\n"
                + "    buffer.setLength(0);\n"
                + "  }\n"
                + "  /** What was put and not flushed is dropped: the worker did not ack it, the queue gives it again. */\n"
                + "  public void stop() { fault.at(\"stop\"); buffer.setLength(0); }\n"
                + "}\n");
        return TestPlugins.pack(pluginsDir.resolve("fault-connectors-1.0.0.jar"),
                TestPlugins.pf4jManifest("fault-connectors", "1.0.0"), TestPlugins.compile(sources));
    }
}
