package io.openmessaging.omsconnect.it;

import io.openmessaging.omsconnect.plugin.TestPlugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A source connector compiled at test time that records where and when each of its task runs is alive, in
 * a folder outside the workers: every run writes {@code <task>.<worker>.<run>} and appends the time (ms)
 * there as each {@code poll} begins, about every 10 ms ({@code probe.every.ms}). A tick marks a call the
 * worker started: a call already under way when a worker froze ({@code kill -STOP}) ends when it thaws,
 * whatever any runtime does; what the worker controls is that no new one starts. The worker's id is the child JVM's {@code probe.worker}
 * property. From those files a test sees whether two runs of one task were ever alive at once.
 */
public final class ProbePlugins {
    public static final String SOURCE = "test.probe.ProbeSourceConnector";

    private ProbePlugins() {
    }

    public static Path write(Path pluginsDir) {
        Map<String, String> sources = new TreeMap<>();
        String imports = "package test.probe;\n"
                + "import io.openmessaging.KeyValue;\n"
                + "import io.openmessaging.internal.DefaultKeyValue;\n"
                + "import io.openmessaging.connector.api.component.task.Task;\n"
                + "import io.openmessaging.connector.api.component.task.source.*;\n"
                + "import io.openmessaging.connector.api.data.*;\n"
                + "import java.nio.charset.StandardCharsets;\n"
                + "import java.nio.file.*;\n"
                + "import java.util.*;\n";
        sources.put(SOURCE, imports
                + "public class ProbeSourceConnector extends SourceConnector {\n"
                + "  KeyValue config;\n"
                + "  public void start(KeyValue c) { config = c; }\n"
                + "  public void stop() {}\n"
                + "  public List<KeyValue> taskConfigs(int n) {\n"
                + "    List<KeyValue> out = new ArrayList<>();\n"
                + "    for (int i = 0; i < n; i++) {\n"
                + "      KeyValue kv = new DefaultKeyValue();\n"
                + "      for (String k : config.keySet()) kv.put(k, config.getString(k));\n"
                + "      kv.put(\"probe.task\", String.valueOf(i));\n"
                + "      out.add(kv);\n"
                + "    }\n"
                + "    return out;\n"
                + "  }\n"
                + "  public Class<? extends Task> taskClass() { return ProbeSourceTask.class; }\n"
                + "}\n");
        sources.put("test.probe.ProbeSourceTask", imports
                + "public class ProbeSourceTask extends SourceTask {\n"
                + "  Path file; long every;\n"
                + "  public void start(KeyValue c) {\n"
                + "    String name = c.getString(\"probe.task\") + \".\" + System.getProperty(\"probe.worker\", \"?\") + \".\" + UUID.randomUUID();\n"
                + "    file = Path.of(c.getString(\"probe.dir\")).resolve(name);\n"
                + "    every = Long.parseLong(c.getString(\"probe.every.ms\") == null ? \"10\" : c.getString(\"probe.every.ms\"));\n"
                + "    tick();\n"
                + "  }\n"
                + "  void tick() {\n"
                + "    try { Files.writeString(file, System.currentTimeMillis() + \"\\n\", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND); }\n"
                + "    catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }\n"
                + "  }\n"
                + "  public List<ConnectRecord> poll() throws InterruptedException {\n"
                + "    tick();\n"
                + "    Thread.sleep(every);\n"
                + "    return Collections.emptyList();\n"
                + "  }\n"
                + "  public void stop() {}\n"
                + "}\n");
        return TestPlugins.pack(pluginsDir.resolve("probe-connector-1.0.0.jar"),
                TestPlugins.pf4jManifest("probe-connector", "1.0.0"), TestPlugins.compile(sources));
    }

    /** One task run as the probe saw it alive: first and last tick. */
    record Run(int task, String worker, String run, long first, long last) {
    }

    static List<Run> runs(Path dir) {
        List<Run> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String[] parts = f.getFileName().toString().split("\\.", 3);
                List<Long> ticks = Files.readAllLines(f).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
                if (!ticks.isEmpty()) {
                    out.add(new Run(Integer.parseInt(parts[0]), parts[1], parts[2], ticks.get(0), ticks.get(ticks.size() - 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Pairs of runs of one task that were alive at the same time; empty when none. */
    static List<String> overlaps(List<Run> runs) {
        List<String> found = new ArrayList<>();
        Map<Integer, List<Run>> byTask = new TreeMap<>();
        runs.forEach(r -> byTask.computeIfAbsent(r.task(), k -> new ArrayList<>()).add(r));
        byTask.forEach((task, list) -> {
            list.sort(Comparator.comparingLong(Run::first));
            for (int i = 1; i < list.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (list.get(i).first() <= list.get(j).last()) {
                        found.add(list.get(j) + " and " + list.get(i));
                    }
                }
            }
        });
        return found;
    }
}
