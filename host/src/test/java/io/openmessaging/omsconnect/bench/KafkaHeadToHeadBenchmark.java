package io.openmessaging.omsconnect.bench;

import io.openmessaging.omsconnect.it.ChildKafka;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * omsconnect against Kafka Connect on one Kafka broker, in one run: the same file of N 100-byte lines goes file →
 * topic → file through (a) a real Kafka Connect 4.x standalone worker ({@code ConnectStandalone}, its
 * FileStreamSource/FileStreamSink, StringConverter, its default settings but the batch size) and (b) an omsconnect
 * worker ({@code WorkerMain}) with the Kafka driver and our file connectors ({@code string} converter, the same
 * bytes on the topic). Each worker is its own child JVM with the same heap ({@link WorkerProcess#HEAP}), driven over
 * the same REST calls; rounds alternate between them, each round on a new topic of one partition, and the side that
 * goes first alternates too. Per round: records/s from creating the connectors to the last byte of the output
 * file, and the worker process's CPU seconds per million records; per worker: its peak RSS. Every output is
 * checked byte for byte against the input. Then the mixed runs: Kafka Connect's source writes a topic that our
 * sink reads, and our source writes one that Kafka Connect's sink reads, each output byte-identical to the input.
 *
 * <pre>
 * mvn -q -B -DskipTests install && mvn -q -B -pl host -Pbench-kafka verify -DskipTests \
 *     [-Dbench.records=1000000] [-Dbench.runs=3] [-Dbench.rounds=3] [-Dbench.warmup=2]
 * </pre>
 * A run starts a new pair of workers (so that each run's peak RSS is its own); the broker ({@link ChildKafka}) serves
 * every run. The first {@code bench.warmup} rounds of each side are printed, not counted: both JVMs compile their hot
 * code then (Kafka Connect's records/s still rose by half from its first to its third round).
 */
public final class KafkaHeadToHeadBenchmark {
    private static final int LINE_BYTES = 100;
    /** Lines per source poll: FileStreamSource's default, and ours. */
    private static final int BATCH = 2000;
    private static final String KC_SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector";
    private static final String KC_SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";
    private static final String OMS_SOURCE = "io.openmessaging.omsconnect.file.FileSourceConnector";
    private static final String OMS_SINK = "io.openmessaging.omsconnect.file.FileSinkConnector";
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";

    /** One side of the comparison: which worker, and its file connectors. */
    private record Side(String label, WorkerProcess worker, String source, String sink) {
    }

    /** What one round measured. */
    private record Round(double recordsPerSecond, double cpuSecondsPerMillion) {
    }

    public static void main(String[] args) throws Exception {
        int records = Integer.getInteger("bench.records", 1_000_000);
        int runs = Integer.getInteger("bench.runs", 3);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int warmup = Integer.getInteger("bench.warmup", 2);
        Path pluginsDir = Path.of(System.getProperty("omsconnect.pluginsDir", "../plugins-dir")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("omsconnect-h2h");
        System.out.printf("head to head on Kafka: %d records of %d bytes, %d runs of %d warm-up + %d measured rounds a side, "
                + "worker heap %s%n", records, LINE_BYTES, runs, warmup, rounds, String.join(" ", WorkerProcess.HEAP));
        Path input = writeLines(work.resolve("in.txt"), records);
        Map<String, List<Round>> all = new LinkedHashMap<>();
        Map<String, List<Long>> rss = new LinkedHashMap<>();
        try (ChildKafka kafka = ChildKafka.start(work.resolve("kafka"))) {
            for (int run = 1; run <= runs; run++) {
                Path runDir = Files.createDirectories(work.resolve("run-" + run));
                try (WorkerProcess kc = kafkaConnect(runDir.resolve("kafka-connect"), kafka);
                     WorkerProcess oms = omsconnect(runDir.resolve("omsconnect"), kafka, pluginsDir)) {
                    kc.awaitReady(Duration.ofMinutes(2));
                    oms.awaitReady(Duration.ofMinutes(2));
                    Side[] sides = {new Side("kafka-connect", kc, KC_SOURCE, KC_SINK), new Side("omsconnect", oms, OMS_SOURCE, OMS_SINK)};
                    Map<String, List<Round>> ofRun = new LinkedHashMap<>();
                    for (int round = 1; round <= warmup + rounds; round++) {
                        for (int i = 0; i < 2; i++) {
                            Side side = sides[(round + i) % 2];
                            String tag = "r" + run + "-" + round + "-" + side.label();
                            kafka.createTopic(tag, 1);
                            Round r = round(side, side, input, runDir.resolve(tag + ".out"), tag, records);
                            System.out.printf(Locale.ROOT, "run %d round %d %s%s: %.0f records/s, %.2f CPU s per M records%n",
                                    run, round, side.label(), round <= warmup ? " (warm-up)" : "", r.recordsPerSecond(), r.cpuSecondsPerMillion());
                            if (round > warmup) {
                                ofRun.computeIfAbsent(side.label(), k -> new ArrayList<>()).add(r);
                            }
                        }
                    }
                    mixed(sides[0], sides[1], input, runDir, "r" + run + "-mixed-kc-to-oms", records, kafka);
                    mixed(sides[1], sides[0], input, runDir, "r" + run + "-mixed-oms-to-kc", records, kafka);
                    for (Side side : sides) {
                        long peak = side.worker().peakRssBytes();
                        rss.computeIfAbsent(side.label(), k -> new ArrayList<>()).add(peak);
                        all.computeIfAbsent(side.label(), k -> new ArrayList<>()).addAll(ofRun.get(side.label()));
                    }
                    report("run " + run, ofRun, Map.of("kafka-connect", List.of(kc.peakRssBytes()), "omsconnect", List.of(oms.peakRssBytes())));
                }
                PipelineBenchmark.deleteTree(runDir);
            }
            report("RESULT all runs", all, rss);
        } finally {
            PipelineBenchmark.deleteTree(work);
        }
    }

    /**
     * Creates the sink then the source of a pipeline over {@code topic}, waits until the output has every byte of
     * the input, deletes both, and checks the output is the input byte for byte. The source side's worker and the
     * sink side's worker may differ (the mixed runs); CPU is counted on both.
     */
    private static Round round(Side from, Side to, Path input, Path out, String topic, int records) throws Exception {
        String source = topic + "-source";
        String sink = topic + "-sink";
        long cpu = cpuNanos(from, to);
        long start = System.nanoTime();
        to.worker().createConnector(sink, Map.of("connector.class", to.sink(), "tasks.max", "1", "file", out.toString(),
                "topics", topic, "value.converter", STRING_CONVERTER, "key.converter", STRING_CONVERTER));
        from.worker().createConnector(source, Map.of("connector.class", from.source(), "tasks.max", "1", "file", input.toString(),
                "topic", topic, "batch.size", Integer.toString(BATCH),
                "value.converter", STRING_CONVERTER, "key.converter", STRING_CONVERTER));
        PipelineBenchmark.awaitBytes(out, Files.size(input));
        double seconds = (System.nanoTime() - start) / 1e9;
        long used = cpuNanos(from, to) - cpu;
        from.worker().deleteConnector(source);
        to.worker().deleteConnector(sink);
        long mismatch = Files.mismatch(input, out);
        if (mismatch != -1) {
            throw new IllegalStateException(topic + ": the output differs from the input at byte " + mismatch);
        }
        Files.delete(out);
        return new Round(records / seconds, used / 1e9 / (records / 1e6));
    }

    /** The CPU time the workers of a pipeline used so far: one worker, or both in a mixed run. */
    private static long cpuNanos(Side from, Side to) {
        return from.worker().cpuNanos() + (to == from ? 0 : to.worker().cpuNanos());
    }

    private static void mixed(Side from, Side to, Path input, Path runDir, String topic, int records, ChildKafka kafka) throws Exception {
        kafka.createTopic(topic, 1);
        Round r = round(from, to, input, runDir.resolve(topic + ".out"), topic, records);
        System.out.printf(Locale.ROOT, "mixed: %s source → %s sink: output byte-identical to the input, %.0f records/s%n",
                from.label(), to.label(), r.recordsPerSecond());
    }

    /** Medians of each side's rounds, the peak RSS, and omsconnect's ratios to Kafka Connect. */
    private static void report(String prefix, Map<String, List<Round>> rounds, Map<String, List<Long>> rss) {
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (Map.Entry<String, List<Round>> side : rounds.entrySet()) {
            double rate = PipelineBenchmark.median(side.getValue().stream().map(Round::recordsPerSecond).toList());
            double cpu = PipelineBenchmark.median(side.getValue().stream().map(Round::cpuSecondsPerMillion).toList());
            double peak = PipelineBenchmark.median(rss.get(side.getKey()).stream().map(Long::doubleValue).toList()) / (1 << 20);
            medians.put(side.getKey(), new double[]{rate, cpu, peak});
            System.out.printf(Locale.ROOT, "%s %s: %.0f records/s, %.2f CPU s per M records, peak RSS %.0f MiB (medians of %d rounds)%n",
                    prefix, side.getKey(), rate, cpu, peak, side.getValue().size());
        }
        double[] kc = medians.get("kafka-connect");
        double[] oms = medians.get("omsconnect");
        System.out.printf(Locale.ROOT, "%s omsconnect/kafka-connect: records/s %.2f, CPU per record %.2f, peak RSS %.2f%n",
                prefix, oms[0] / kc[0], oms[1] / kc[1], oms[2] / kc[2]);
    }

    private static WorkerProcess kafkaConnect(Path dir, ChildKafka kafka) throws Exception {
        Files.createDirectories(dir);
        int port = WorkerProcess.freePort();
        Path props = dir.resolve("connect-standalone.properties");
        Files.writeString(props, String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "key.converter=" + STRING_CONVERTER,
                "value.converter=" + STRING_CONVERTER,
                "offset.storage.file.filename=" + dir.resolve("connect.offsets"),
                "listeners=http://127.0.0.1:" + port,
                // its connectors are on the classpath: found through their service manifests instead of by scanning
                // every class of it, which only slows the start-up (not measured)
                "plugin.discovery=service_load"));
        // the worker's logback.xml is on the classpath too: Kafka Connect logs as omsconnect does (INFO, Kafka's
        // clients at WARN), no per-record lines on either side
        return WorkerProcess.start("kafka-connect", port, dir.resolve("worker.log"), List.of("-Domsconnect.logDir=" + dir.resolve("logs")),
                "org.apache.kafka.connect.cli.ConnectStandalone", props.toString());
    }

    private static WorkerProcess omsconnect(Path dir, ChildKafka kafka, Path pluginsDir) throws Exception {
        Files.createDirectories(dir);
        int port = WorkerProcess.freePort();
        Path conf = dir.resolve("connect.conf");
        Files.writeString(conf, String.join("\n", "workerId=h2h", "httpPort=" + port, "storePathRootDir=" + dir.resolve("store"),
                "pluginsDir=" + pluginsDir, "omsDriverUrl=oms:kafka://" + kafka.bootstrapServers() + "/default"));
        return WorkerProcess.start("omsconnect", port, dir.resolve("worker.log"), List.of("-Domsconnect.logDir=" + dir.resolve("logs")),
                "io.openmessaging.omsconnect.WorkerMain", conf.toString());
    }

    /** N distinct lines of {@link #LINE_BYTES} bytes (newline included): a lost, doubled or reordered one shows. */
    private static Path writeLines(Path file, int records) throws IOException {
        String pad = "x".repeat(LINE_BYTES - 1 - 10);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < records; i++) {
                w.write(String.format(Locale.ROOT, "%010d", i));
                w.write(pad);
                w.write('\n');
            }
        }
        return file;
    }
}
