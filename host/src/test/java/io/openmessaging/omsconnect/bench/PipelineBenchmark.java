package io.openmessaging.omsconnect.bench;

import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.convert.RecordMessageCodec;
import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.driver.PluginDriverRegistry;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.it.ChildRocketMq;
import io.openmessaging.omsconnect.WorkerMain;
import io.openmessaging.omsconnect.plugin.Pf4jPluginHost;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The pipeline benchmark of the quality bars: N 100-byte lines file source → driver → file sink, through a
 * real worker, against the raw driver (same sizes, same loading path, same send path: see
 * {@link RawDriver#run}) measured in the same run, each round. Prints records/s of each and their ratio.
 *
 * <pre>
 * mvn -q -DskipTests package && mvn -q -pl host -am -Pbench verify -DskipTests \
 *     [-Dbench.records=1000000] [-Dbench.forks=3] [-Dbench.rounds=7] [-Dbench.warmup=5] \
 *     [-Dbench.raw=concurrent,sequential,file-client] [-Dbench.converter=json,string] \
 *     [-Dbench.phases=true] [-Dbench.threads=true] \
 *     [-Dbench.drivers=local,oms:rabbitmq://guest:guest@127.0.0.1:5672/default]
 * </pre>
 * As a worker runs: one worker (and one raw driver, each with its own plugin host) serves every round, each
 * round on new connectors, files and topics. The first {@code bench.warmup} rounds are printed but not
 * counted: a plugin's classes are compiled by the JIT only after they ran a while, and each plugin host
 * loads its own copies, so the first round measures the JIT as much as the pipeline.
 * {@code bench.phases=true} also times the source alone and the sink alone, to tell which side limits;
 * {@code bench.threads=true} prints each task thread's CPU time as a share of the round.
 * The whole run is repeated in {@code bench.forks} JVMs (see {@link #forked}) and the rounds of all pooled.
 * "local" stands for {@code oms:local://<temp dir>/default}; "rocketmq" for a RocketMQ name server and broker
 * this benchmark starts in a child JVM (see {@link ChildRocketMq}; needs {@code OMS_RMQ_DIRECT_NAME_SRV=true},
 * which the bench profile sets); every other entry is used as the URL. Driver keys go in the URL's query.
 */
public final class PipelineBenchmark {
    private static final int BODY_BYTES = 100;
    private static final int BATCH = 2000;
    /**
     * The ways to drive the raw driver, each measured every round: {@code concurrent,sequential,file-client} by
     * default, also {@code sequential-async}; see {@link RawDriver#run} and {@link RawDriver#runFileClient}.
     * {@code none} runs the pipeline alone (to profile it).
     */
    private static final String RAW_MODE = "bench.raw";
    /**
     * The raw mode that does the pipeline's work by hand: lines of a file sent through the driver and written
     * to another file (see {@link RawDriver#runFileClient}).
     */
    private static final String FILE_CLIENT = "file-client";
    private static final String DEFAULT_RAW_MODES = "concurrent,sequential," + FILE_CLIENT;
    private static final String ROCKETMQ = "rocketmq";
    /** Queues of each RocketMQ benchmark topic: its pull consumer reads each queue at most every 200 ms. */
    private static final int ROCKETMQ_QUEUES = 4;

    public static void main(String[] args) throws Exception {
        int forks = Integer.getInteger("bench.forks", 3);
        if (forks > 1 && !Boolean.getBoolean(CHILD)) {
            forked(forks);
            return;
        }
        int records = Integer.getInteger("bench.records", 1_000_000);
        int rounds = Integer.getInteger("bench.rounds", 7);
        int warmup = Integer.getInteger("bench.warmup", 5);
        String side = System.getProperty(SIDE, BOTH);
        String rawModeList = System.getProperty(RAW_MODE, DEFAULT_RAW_MODES);
        // a forked raw JVM runs one raw mode: bench.side=raw:<mode>
        List<String> rawModes = rawModeList.equals("none") || side.startsWith(PIPELINE) ? List.of()
                : side.startsWith(RAW + ":") ? List.of(side.substring(RAW.length() + 1)) : Arrays.asList(rawModeList.split(","));
        // a forked pipeline JVM runs one converter: bench.side=pipeline:<converter>
        List<String> converters = side.startsWith(RAW) ? List.of()
                : side.startsWith(PIPELINE + ":") ? List.of(side.substring(PIPELINE.length() + 1)) : converters();
        boolean runPipeline = !converters.isEmpty();
        Path pluginsDir = Path.of(System.getProperty("omsconnect.pluginsDir", "../plugins-dir")).toAbsolutePath().normalize();
        System.out.printf("pipeline benchmark (%s): %d records of %d bytes, %d warm-up + %d measured rounds, plugins from %s%n",
                side, records, BODY_BYTES, warmup, rounds, pluginsDir);
        for (String driver : System.getProperty("bench.drivers", "local").split(",")) {
            Map<String, List<Double>> samples = new LinkedHashMap<>();
            Path work = Files.createTempDirectory("omsconnect-bench");
            String sharedUrl = driver.equals(ROCKETMQ) ? ChildRocketMq.shared().url() : driver;
            try (RawDriver rawDriver = rawModes.isEmpty() ? null : new RawDriver(pluginsDir);
                 WorkerMain worker = runPipeline ? new WorkerMain(WorkerConfig.from(workerProperties(pluginsDir, work,
                         "oms:local://" + work.resolve("mq") + "/default"), work)) : null) {
                if (worker != null) {
                    worker.start();
                }
                BufferedReader turns = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (int round = 1; round <= warmup + rounds; round++) {
                    if (Boolean.getBoolean(CHILD) && !"go".equals(turns.readLine())) {
                        break; // the parent says when this JVM's round is due: see forked()
                    }
                    String tag = round + "-" + System.nanoTime();
                    Path files = Files.createDirectories(work.resolve("round-" + round));
                    // the local driver gets new stores every round, deleted after it: data of earlier rounds
                    // left for the kernel to write back would take CPU from later ones
                    StringBuilder figures = new StringBuilder();
                    Map<String, Double> ofRound = new LinkedHashMap<>();
                    for (String mode : rawModes) {
                        String url = driver.equals("local") ? "oms:local://" + files.resolve("raw-mq-" + mode) + "/default" : sharedUrl;
                        Path clientFiles = mode.equals(FILE_CLIENT) ? Files.createDirectories(files.resolve("raw-files")) : null;
                        Path clientInput = clientFiles == null ? null : writeLines(clientFiles, records);
                        settle();
                        long cpu = processCpuNanos();
                        double r = clientFiles != null
                                ? rawDriver.runFileClient(url, clientInput, clientFiles.resolve("out.txt"), records, topic(driver, "raw-" + mode + "-" + tag))
                                : rawDriver.run(url, records, topic(driver, "raw-" + mode + "-" + tag), mode);
                        ofRound.put("raw-" + mode, r);
                        figures.append(String.format(Locale.ROOT, "raw %s %.0f records/s (CPU %.2f us per record), ",
                                mode, r, (processCpuNanos() - cpu) / 1e3 / records));
                    }
                    for (String converter : converters) {
                        Path converterFiles = Files.createDirectories(files.resolve(converter));
                        String url = driver.equals("local") ? "oms:local://" + converterFiles.resolve("mq") + "/default" : sharedUrl;
                        Path input = writeLines(converterFiles, records);
                        settle();
                        long cpu = processCpuNanos();
                        double p = pipeline(worker.herder(), converterFiles, input, url, records,
                                topic(driver, "bench-" + converter + "-" + tag), converter, converter + "-r" + round);
                        ofRound.put(PIPELINE + "-" + converter, p);
                        figures.append(String.format(Locale.ROOT, "pipeline %s %.0f records/s (CPU %.2f us per record), ",
                                converter, p, (processCpuNanos() - cpu) / 1e3 / records));
                        for (String mode : rawModes) {
                            figures.append(String.format(Locale.ROOT, "pipeline %s/raw %s %.2f, ", converter, mode, p / ofRound.get("raw-" + mode)));
                        }
                        if (Boolean.getBoolean("bench.phases")) {
                            phases(worker.herder(), converterFiles, url, records, topic(driver, "phases-" + converter + "-" + tag),
                                    converter, converter + "-r" + round);
                        }
                    }
                    boolean counted = round > warmup;
                    System.out.printf(Locale.ROOT, "  %s round %d%s: %s%n", driver, round, counted ? "" : " (warm-up)",
                            figures.substring(0, figures.length() - 2));
                    if (counted) {
                        for (Map.Entry<String, Double> sample : ofRound.entrySet()) {
                            samples.computeIfAbsent(sample.getKey(), k -> new ArrayList<>()).add(sample.getValue());
                            if (Boolean.getBoolean(CHILD)) {
                                System.out.printf(Locale.ROOT, "%s %s %s %.0f%n", SAMPLE, driver, sample.getKey(), sample.getValue());
                            }
                        }
                    }
                    deleteTree(files);
                    if (Boolean.getBoolean(CHILD)) {
                        quiesce(); // the other JVM measures next: this one must not compile or collect meanwhile
                        System.out.println(ROUND_DONE);
                        System.out.flush();
                    }
                }
            } finally {
                deleteTree(work);
            }
            report(Boolean.getBoolean(CHILD) ? "  this JVM:" : "RESULT", driver, samples, rounds + " rounds in one JVM");
        }
    }

    /**
     * One line per pipeline converter and raw mode: the medians of their rounds and their ratio; a pipeline
     * with no raw mode, or a raw mode with no pipeline, alone.
     */
    private static void report(String prefix, String driver, Map<String, List<Double>> samples, String basis) {
        Map<String, Double> pipelines = new LinkedHashMap<>();
        Map<String, Double> raws = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> sample : samples.entrySet()) {
            String key = sample.getKey();
            if (key.startsWith(PIPELINE + "-")) {
                pipelines.put(key.substring(PIPELINE.length() + 1), median(sample.getValue()));
            } else {
                raws.put(key.substring("raw-".length()), median(sample.getValue()));
            }
        }
        for (Map.Entry<String, Double> pipeline : pipelines.entrySet()) {
            String converter = pipeline.getKey();
            double p = pipeline.getValue();
            if (raws.isEmpty()) {
                System.out.printf(Locale.ROOT, "%s driver=%s converter=%s pipeline=%.0f records/s (median of %s)%n",
                        prefix, driver, converter, p, basis);
            }
            for (Map.Entry<String, Double> raw : raws.entrySet()) {
                System.out.printf(Locale.ROOT, "%s driver=%s converter=%s raw=%s raw=%.0f records/s pipeline=%.0f records/s ratio=%.2f (medians of %s)%n",
                        prefix, driver, converter, raw.getKey(), raw.getValue(), p, p / raw.getValue(), basis);
            }
        }
        if (pipelines.isEmpty()) {
            for (Map.Entry<String, Double> raw : raws.entrySet()) {
                System.out.printf(Locale.ROOT, "%s driver=%s raw=%s raw=%.0f records/s (medians of %s)%n", prefix, driver, raw.getKey(), raw.getValue(), basis);
            }
        }
    }

    /**
     * CPU time of the whole process (every thread, the JIT's and the GC's too): per record, it tells how much
     * work each side does, whatever the scheduling of the moment.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Between measurements: collect the garbage of the last one and give the kernel a moment to finish with
     * the files it wrote and deleted, so that neither lands on the next measurement.
     */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(500);
    }

    /**
     * Waits until this JVM is idle: garbage collected, and the JIT done compiling what the round made hot
     * (its total compilation time unchanged for 200 ms; at most 10 s).
     */
    private static void quiesce() throws InterruptedException {
        System.gc();
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long deadline = System.currentTimeMillis() + 10_000;
        long last = -1;
        int still = 0;
        while (still < 2 && System.currentTimeMillis() < deadline) {
            long now = jit.getTotalCompilationTime();
            still = now == last ? still + 1 : 0;
            last = now;
            Thread.sleep(100);
        }
    }

    private static final String CHILD = "bench.child";
    /**
     * What a JVM measures: {@code both} (one JVM, the default without forks), {@code raw:<mode>} (one raw
     * mode) or {@code pipeline:<converter>} (the pipeline with one value converter).
     */
    private static final String SIDE = "bench.side";
    private static final String BOTH = "both";
    private static final String RAW = "raw";
    private static final String PIPELINE = "pipeline";
    private static final String SAMPLE = "SAMPLE";
    private static final String ROUND_DONE = "ROUND-DONE";

    /**
     * Runs the benchmark in {@code forks} sets of JVMs, one set after the other, and pools their measured
     * rounds, as JMH pools forks: the JIT compiles the same code differently from one JVM to the next (whole
     * runs differed by a quarter), so one JVM's figure is one sample. In each set one JVM runs the pipeline
     * and one JVM each raw mode, since code one of them ran shapes how the JIT compiles the others'
     * (pipelines measured 5 – 14% slower in a JVM that also ran the raw driver than alone, back to back; raw
     * {@code sequential} slower in a JVM that also ran the file client); they live together and take turns
     * round by round (who goes first rotates), so that both sides of a ratio are measured within seconds of
     * each other: this machine's speed drifts by a third over minutes.
     */
    private static void forked(int forks) throws Exception {
        int turns = Integer.getInteger("bench.warmup", 5) + Integer.getInteger("bench.rounds", 7);
        String rawModeList = System.getProperty(RAW_MODE, DEFAULT_RAW_MODES);
        List<String> sides = new ArrayList<>();
        if (!rawModeList.equals("none")) {
            for (String mode : rawModeList.split(",")) {
                sides.add(RAW + ":" + mode);
            }
        }
        for (String converter : converters()) {
            sides.add(PIPELINE + ":" + converter);
        }
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (int fork = 1; fork <= forks; fork++) {
            System.out.printf("fork %d of %d%n", fork, forks);
            List<Child> children = new ArrayList<>();
            try {
                for (String side : sides) {
                    children.add(new Child(side));
                }
                for (int turn = 1; turn <= turns; turn++) {
                    // who goes first rotates: no side always measures right after the same other one
                    for (int i = 0; i < children.size(); i++) {
                        children.get((turn + i) % children.size()).runRound(samples);
                    }
                }
            } finally {
                closeAll(children);
            }
        }
        Map<String, Map<String, List<Double>>> byDriver = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> sample : samples.entrySet()) {
            String[] driverAndKind = sample.getKey().split(" ");
            byDriver.computeIfAbsent(driverAndKind[0], d -> new LinkedHashMap<>()).put(driverAndKind[1], sample.getValue());
        }
        for (Map.Entry<String, Map<String, List<Double>>> driver : byDriver.entrySet()) {
            int rounds = driver.getValue().values().iterator().next().size();
            report("RESULT", driver.getKey(), driver.getValue(), rounds + " rounds in " + forks + " sets of JVMs taking turns, one JVM a side");
        }
    }

    private static void closeAll(List<Child> children) throws Exception {
        Exception first = null;
        for (Child child : children) {
            try {
                child.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** A benchmark JVM of one side, which runs a round each time it is told to (a line "go" on its input). */
    private static final class Child implements AutoCloseable {
        private final String side;
        private final Process process;
        private final BufferedReader out;
        private final java.io.Writer in;

        Child(String side) throws IOException {
            this.side = side;
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-D" + CHILD + "=true");
            command.add("-D" + SIDE + "=" + side);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(PipelineBenchmark.class.getName());
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        void runRound(Map<String, List<Double>> samples) throws IOException {
            in.write("go\n");
            in.flush();
            for (String line = out.readLine(); !ROUND_DONE.equals(line); line = out.readLine()) {
                if (line == null) {
                    throw new IllegalStateException("benchmark JVM (" + side + ") ended before its round did");
                }
                take(line, samples);
            }
        }

        private void take(String line, Map<String, List<Double>> samples) {
            if (line.startsWith(SAMPLE + " ")) {
                String[] parts = line.split(" "); // SAMPLE driver kind records/s
                samples.computeIfAbsent(parts[1] + " " + parts[2], k -> new ArrayList<>()).add(Double.parseDouble(parts[3]));
            } else if (!line.contains(" INFO ") || line.contains("ERROR") || line.contains("WARN")) {
                System.out.println(line);
            }
        }

        @Override
        public void close() throws Exception {
            in.close(); // no more rounds: the JVM prints its summary and ends
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                take(line, new LinkedHashMap<>());
            }
            if (process.waitFor() != 0) {
                throw new IllegalStateException("benchmark JVM (" + side + ") failed with exit code " + process.exitValue());
            }
        }
    }

    /** The driver alone, loaded as the worker loads it: its own plugin host and driver registry. */
    static final class RawDriver implements AutoCloseable {
        private final Pf4jPluginHost plugins;
        private final PluginDriverRegistry registry;
        private final byte[] body = new byte[BODY_BYTES];

        RawDriver(Path pluginsDir) throws Exception {
            plugins = new Pf4jPluginHost(pluginsDir);
            plugins.start();
            registry = new PluginDriverRegistry(plugins);
            Arrays.fill(body, (byte) 'x');
        }

        /**
         * Attach a consumer (on brokers that route to consumer groups, RabbitMQ, a message sent before its
         * group is bound is refused), then move N messages through the driver and return records/s, from
         * creating the consumer to the last ack. {@code mode} (from the list {@value #RAW_MODE}) is how:
         * <ul>
         *   <li>{@code concurrent} (default): the driver at its best, in the pipeline's shape: one thread sends
         *       batches of {@value #BATCH} through the driver's {@link BatchMessageSender} (as the worker's
         *       source task does; {@code sendAsync} and a wait for every future where the driver has none)
         *       while another receives and acks;</li>
         *   <li>{@code sequential}: the same sends, then, once all N are sent, receive and ack all N;</li>
         *   <li>{@code sequential-async}: produce all N with {@code sendAsync}, then consume and ack all N: the
         *       baseline of the figures up to 2026-11-25. It is the weakest: per-message sends where the worker
         *       sends batches, and one thread at a time where the pipeline overlaps its source and sink.</li>
         * </ul>
         */
        double run(String url, int records, String queue, String mode) throws Exception {
            MessagingAccessPoint accessPoint = registry.acquire(url);
            // the clock includes creating the consumer, as the pipeline's includes creating its connectors
            long start = System.nanoTime();
            KeyValue kv = new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, "bench");
            PullConsumer consumer = accessPoint.createPullConsumer(kv);
            consumer.attachQueue(queue);
            consumer.startup();
            long produced;
            long end;
            Producer producer = accessPoint.createProducer();
            producer.startup();
            switch (mode) {
                case "concurrent" -> {
                    CompletableFuture<Long> consumed = CompletableFuture.supplyAsync(
                            () -> consume(consumer, records), runnable -> new Thread(runnable, "raw-consumer").start());
                    produceInBatches(producer, records, queue);
                    produced = System.nanoTime();
                    end = consumed.get();
                }
                case "sequential" -> {
                    produceInBatches(producer, records, queue);
                    produced = System.nanoTime();
                    end = consume(consumer, records);
                }
                case "sequential-async" -> {
                    produceAsync(producer, records, queue);
                    produced = System.nanoTime();
                    end = consume(consumer, records);
                }
                default -> throw new IllegalArgumentException(RAW_MODE + ": concurrent, sequential or sequential-async, not " + mode);
            }
            producer.shutdown();
            if (Boolean.getBoolean("bench.phases") || Boolean.getBoolean("bench.rawPhases")) {
                System.out.printf("  raw phases (%s): produce %.0f records/s, then %.0f ms to the last ack%n",
                        mode, records / ((produced - start) / 1e9), (end - produced) / 1e6);
            }
            consumer.shutdown();
            registry.release(url);
            return records / ((end - start) / 1e9);
        }

        /**
         * Sends {@code records} messages of {@value #BODY_BYTES} bytes to {@code queue} in batches of {@value #BATCH},
         * as the worker's source tasks do, each batch done when the broker acknowledged it; returns records/s from
         * creating the producer to the last acknowledgement.
         */
        double produceOnly(String url, int records, String queue) {
            MessagingAccessPoint accessPoint = registry.acquire(url);
            long start = System.nanoTime();
            Producer producer = accessPoint.createProducer();
            producer.startup();
            produceInBatches(producer, records, queue);
            long end = System.nanoTime();
            producer.shutdown();
            registry.release(url);
            return records / ((end - start) / 1e9);
        }

        /**
         * Receives and acks {@code records} messages of {@code queue} as a new consumer group; returns records/s from
         * creating the consumer (its group's join included) to the last ack.
         */
        double consumeOnly(String url, int records, String queue, String group) {
            MessagingAccessPoint accessPoint = registry.acquire(url);
            long start = System.nanoTime();
            PullConsumer consumer = accessPoint.createPullConsumer(new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, group));
            consumer.attachQueue(queue);
            consumer.startup();
            long end = consume(consumer, records);
            consumer.shutdown();
            registry.release(url);
            return records / ((end - start) / 1e9);
        }

        /**
         * {@value #FILE_CLIENT}: what a program written for this job alone would do with the driver, the
         * pipeline's work without the worker. One thread reads the lines of {@code in} (a buffered byte scan)
         * and sends each line's bytes as a message, in batches of {@value #BATCH} through the batch sender, as
         * the worker does; another receives, appends each body and a newline to {@code out} (buffered) and acks.
         * No converter, no records, no positions stored: the baseline for the worker's own cost. Records/s from
         * creating the consumer to the output flushed.
         */
        double runFileClient(String url, Path in, Path out, int records, String queue) throws Exception {
            MessagingAccessPoint accessPoint = registry.acquire(url);
            long start = System.nanoTime();
            PullConsumer consumer = accessPoint.createPullConsumer(new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, "bench"));
            consumer.attachQueue(queue);
            consumer.startup();
            Producer producer = accessPoint.createProducer();
            producer.startup();
            CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> {
                try (java.io.OutputStream file = new java.io.BufferedOutputStream(Files.newOutputStream(out), 64 * 1024)) {
                    consume(consumer, records, body -> appendLine(file, body));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return System.nanoTime(); // the output flushed and closed
            }, runnable -> new Thread(runnable, "raw-file-writer").start());
            try (BatchedSends sends = new BatchedSends(producer, true); java.io.InputStream file = Files.newInputStream(in)) {
                byte[] chunk = new byte[64 * 1024];
                int filled = 0;
                for (int read = file.read(chunk); read > 0; read = file.read(chunk, filled, chunk.length - filled)) {
                    filled += read;
                    int lineStart = 0;
                    for (int i = 0; i < filled; i++) {
                        if (chunk[i] == '\n') {
                            sends.send(producer.createBytesMessage(queue, Arrays.copyOfRange(chunk, lineStart, i)));
                            lineStart = i + 1;
                        }
                    }
                    System.arraycopy(chunk, lineStart, chunk, 0, filled - lineStart); // a line cut by the chunk's end
                    filled -= lineStart;
                }
            }
            long end = written.get();
            long wrote = Files.size(out);
            long expected = Files.size(in);
            if (wrote != expected) {
                throw new IllegalStateException("raw file client: wrote " + wrote + " bytes of " + expected);
            }
            producer.shutdown();
            consumer.shutdown();
            registry.release(url);
            return records / ((end - start) / 1e9);
        }

        private void produceInBatches(Producer producer, int records, String queue) {
            try (BatchedSends sends = new BatchedSends(producer, true)) {
                for (int i = 0; i < records; i++) {
                    sends.send(producer.createBytesMessage(queue, body));
                }
            }
        }

        private void produceAsync(Producer producer, int records, String queue) {
            try (BatchedSends sends = new BatchedSends(producer, false)) {
                for (int i = 0; i < records; i++) {
                    sends.send(producer.createBytesMessage(queue, body));
                }
            }
        }

        /** Receives and acks {@code records} messages; returns the time of the last ack. */
        private static void appendLine(java.io.OutputStream file, byte[] body) {
            try {
                file.write(body);
                file.write('\n');
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static long consume(PullConsumer consumer, int records) {
            return consume(consumer, records, body -> { });
        }

        /** Receives {@code records} messages, hands each body to {@code bodies}, acks it; returns the time of the last ack. */
        private static long consume(PullConsumer consumer, int records, java.util.function.Consumer<byte[]> bodies) {
            KeyValue timeout = new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, 1000);
            int consumed = 0;
            long lastProgress = System.currentTimeMillis();
            while (consumed < records) {
                Message m = consumer.receive(timeout);
                if (m == null) {
                    // a new RocketMQ consumer may wait for its group's rebalance: give up only after a long silence
                    if (System.currentTimeMillis() - lastProgress > 60_000) {
                        throw new IllegalStateException("raw driver: only " + consumed + " of " + records + " came back");
                    }
                    continue;
                }
                lastProgress = System.currentTimeMillis();
                bodies.accept(m.getBody(byte[].class));
                consumer.ack(RecordMessageCodec.ackHandle(m));
                consumed++;
            }
            return System.nanoTime();
        }

        @Override
        public void close() throws Exception {
            try (plugins) { // each run released its access point
                registry.close();
            }
        }
    }

    /**
     * Sends in batches of {@value #BATCH}, as the worker's source tasks do: through the driver's
     * {@link BatchMessageSender}, one commit a batch; where the driver has none (RocketMQ's answers null), or
     * when asked to, with {@code sendAsync} and a wait for every future of the batch. Closing sends the rest.
     */
    private static final class BatchedSends implements AutoCloseable {
        private final Producer producer;
        private final BatchMessageSender batch;
        private final List<Future<SendResult>> pending = new ArrayList<>(BATCH);
        private int unsent;

        BatchedSends(Producer producer, boolean useBatchSender) {
            this.producer = producer;
            BatchMessageSender sender = null;
            if (useBatchSender) {
                try {
                    sender = producer.createBatchMessageSender();
                } catch (OMSNotSupportedException | UnsupportedOperationException e) {
                    sender = null;
                }
            }
            this.batch = sender;
        }

        void send(io.openmessaging.BytesMessage message) {
            if (batch != null) {
                batch.send(message);
            } else {
                pending.add(producer.sendAsync(message));
            }
            if (++unsent == BATCH) {
                flush();
            }
        }

        private void flush() {
            if (batch != null) {
                batch.commit();
            }
            for (Future<SendResult> f : pending) {
                if (f.get(30_000) == null) {
                    throw new IllegalStateException("raw driver: send failed: " + f.getThrowable());
                }
            }
            pending.clear();
            unsent = 0;
        }

        @Override
        public void close() {
            try {
                if (unsent > 0) {
                    flush();
                }
            } finally {
                if (batch != null) {
                    batch.close();
                }
            }
        }
    }

    /**
     * The topic name; on the child RocketMQ also created (with {@link #ROCKETMQ_QUEUES} queues) before use:
     * a consumer that attaches to a topic that does not exist yet sees it only at a route refresh, 30 s later.
     */
    private static String topic(String driver, String name) {
        if (driver.equals(ROCKETMQ)) {
            ChildRocketMq.shared().createTopic(name, ROCKETMQ_QUEUES, "bench", "bench-sink");
        }
        return name;
    }

    /**
     * The pipeline over an input file already written (so that its writing is not in the CPU measured): the
     * clock runs from creating the connectors to the last line in the output file. The connectors are deleted
     * afterwards.
     */
    static double pipeline(Herder herder, Path work, Path in, String url, int records, String topic, String converter, String suffix) throws Exception {
        Path out = work.resolve("out.txt");
        long expectedBytes = Files.size(in);
        String sink = "bench-sink-" + suffix;
        String source = "bench-source-" + suffix;
        long start = System.nanoTime();
        herder.putConnectorConfig(sink, sinkConfig(out, topic, url, converter), false);
        herder.putConnectorConfig(source, sourceConfig(in, topic, url, converter), false);
        awaitBytes(out, expectedBytes);
        long elapsed = System.nanoTime() - start;
        if (Boolean.getBoolean("bench.threads")) {
            printTaskThreadCpu(elapsed);
        }
        herder.deleteConnector(source);
        herder.deleteConnector(sink);
        return records / (elapsed / 1e9);
    }

    /**
     * With {@code bench.threads=true}: the CPU time of each task thread (alive until its connector is deleted,
     * started with the round) against the round's wall time, to tell a thread that limits the pipeline (near
     * 100%) from threads that wait for each other.
     */
    private static void printTaskThreadCpu(long elapsedNanos) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder line = new StringBuilder("  task threads, CPU of wall time:");
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("task-bench-")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                line.append(String.format(Locale.ROOT, " %s %.0f%%", info.getThreadName(), 100.0 * cpu / elapsedNanos));
            }
        }
        System.out.println(line);
    }

    /**
     * The value converters the pipeline is measured with, each in its own JVM when forked ({@code json,string}
     * by default): {@code json}, the worker's default, wraps each line in Kafka Connect's envelope
     * {@code {"schema":{"type":"string","optional":false},"payload":"<line>"}}, 157 bytes on the queue for a
     * 100-byte line; {@code string} puts the line's own bytes on the queue, the raw driver's message size.
     */
    private static List<String> converters() {
        return Arrays.asList(System.getProperty("bench.converter", "json,string").split(","));
    }

    private static Map<String, String> sourceConfig(Path in, String topic, String url, String converter) {
        return Map.of("connector-class", "io.openmessaging.omsconnect.file.FileSourceConnector",
                "file", in.toString(), "connect-topicname", topic, "oms-driver-url", url,
                "value.converter", converter);
    }

    private static Map<String, String> sinkConfig(Path out, String topic, String url, String converter) {
        // -Dbench.sinkPrefetch=false measures sink tasks that call the driver from their own thread
        return Map.of("connector-class", "io.openmessaging.omsconnect.file.FileSinkConnector",
                "file", out.toString(), "connect-topicnames", topic, "oms-driver-url", url,
                "sink-prefetch", System.getProperty("bench.sinkPrefetch", "true"), "value.converter", converter);
    }

    /** Waits until {@code out} holds {@code expectedBytes} bytes, at most ten minutes. */
    static void awaitBytes(Path out, long expectedBytes) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        while (!Files.exists(out) || Files.size(out) < expectedBytes) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("pipeline did not finish: " + (Files.exists(out) ? Files.size(out) : 0)
                        + " of " + expectedBytes + " bytes");
            }
            Thread.sleep(2);
        }
    }

    private static Path writeLines(Path work, int records) throws IOException {
        Path in = work.resolve("in.txt");
        String line = "x".repeat(BODY_BYTES - 1); // + '\n' = 100 bytes a record
        try (BufferedWriter w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
            for (int i = 0; i < records; i++) {
                w.write(line);
                w.write('\n');
            }
        }
        return in;
    }

    private static Properties workerProperties(Path pluginsDir, Path work, String url) {
        Properties p = new Properties();
        p.setProperty("workerId", "bench");
        p.setProperty("httpPort", "0");
        p.setProperty("storePathRootDir", work.resolve("store").toString());
        p.setProperty("pluginsDir", pluginsDir.toString());
        p.setProperty("omsDriverUrl", url);
        return p;
    }

    /**
     * Diagnosis ({@code -Dbench.phases=true}): the source alone (until the driver acked every record), then the
     * sink alone on the filled queue, each timed, to tell which side limits the pipeline.
     */
    static void phases(Herder herder, Path work, String url, int records, String topic, String converter, String suffix) throws Exception {
        Path phases = Files.createDirectories(work.resolve("phases"));
        Path in = writeLines(phases, records);
        Path out = phases.resolve("out.txt");
        String source = "phase-source-" + suffix;
        String sink = "phase-sink-" + suffix;
        long start = System.nanoTime();
        herder.putConnectorConfig(source, sourceConfig(in, topic, url, converter), false);
        while (sent(herder, source) < records) {
            Thread.sleep(2);
        }
        double sourceRate = records / ((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        herder.putConnectorConfig(sink, sinkConfig(out, topic, url, converter), false);
        awaitBytes(out, Files.size(in));
        double sinkRate = records / ((System.nanoTime() - start) / 1e9);
        herder.deleteConnector(source);
        herder.deleteConnector(sink);
        System.out.printf("  phases: source alone %.0f records/s, sink alone %.0f records/s%n", sourceRate, sinkRate);
    }

    private static long sent(Herder herder, String connector) {
        return taskCounter(herder, "omsconnect_task_records_sent_total", connector);
    }

    /** A task counter of the connector's (first) task from the herder's metrics; 0 before it has one. */
    static long taskCounter(Herder herder, String counter, String connector) {
        for (String line : herder.metrics().split("\n")) {
            if (line.startsWith(counter + "{") && line.contains("\"" + connector + "\"")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
