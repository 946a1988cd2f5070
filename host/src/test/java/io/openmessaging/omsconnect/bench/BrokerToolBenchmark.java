package io.openmessaging.omsconnect.bench;

import io.openmessaging.omsconnect.it.ChildKafka;
import io.openmessaging.omsconnect.it.ChildRocketMq;
import io.openmessaging.omsconnect.it.RabbitMqTestVhost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A driver against its broker's own benchmark tool, on the same broker, in the same run, with the same guarantees
 * and message size. Kafka: {@code kafka-producer-perf-test} ({@code ProducerPerformance}, {@code acks=all} and
 * idempotence, as the driver sends) against the driver sending through its batch sender as the worker's source tasks
 * do (each batch of 2000 done when Kafka acked it); {@code kafka-consumer-perf-test} ({@code ConsumerPerformance})
 * against the driver receiving and acking each message as a sink does, a new consumer group each, the join
 * included on both sides. N messages of 100 bytes on a topic of one partition. RabbitMQ: PerfTest on a stream (the
 * driver's default layout keeps each topic in one), persistent messages, publisher confirms, manual acks, against
 * the driver the same way (see {@link #rabbitMq}). RocketMQ: its benchmark Producer against the driver's sends
 * (see {@link #rocketMq}).
 *
 * <p>The tools are command-line programs, so every measurement is a new JVM with the same flags
 * ({@link WorkerProcess#HEAP}), tool and driver taking turns (the first alternating by round); the driver's JVM
 * loads it as the worker does (its plugin, through the driver registry) before its clock starts.
 *
 * <pre>
 * mvn -q -B -DskipTests install && mvn -q -B -pl host -Pbench-tools verify -DskipTests \
 *     [-Dbench.records=1000000] [-Dbench.rounds=3] [-Dbench.brokers=kafka,rabbitmq,rocketmq]
 * </pre>
 */
public final class BrokerToolBenchmark {
    private static final int BODY_BYTES = 100;
    private static final String DRIVER_PRODUCE = "driver-produce";
    private static final String DRIVER_CONSUME = "driver-consume";
    private static final Pattern RATE = Pattern.compile("^RATE ([0-9.]+)$", Pattern.MULTILINE);
    /** ProducerPerformance's summary: {@code 1000000 records sent, 245398.3 records/sec (23.40 MB/sec), …}. */
    private static final Pattern PRODUCER_SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals(DRIVER_PRODUCE) || args[0].equals(DRIVER_CONSUME))) {
            driverSide(args);
            return;
        }
        int records = Integer.getInteger("bench.records", 1_000_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path pluginsDir = Path.of(System.getProperty("omsconnect.pluginsDir", "../plugins-dir")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("omsconnect-tools");
        System.out.printf("driver against its broker's tool: %d messages of %d bytes, %d rounds, each side a new JVM (%s)%n",
                records, BODY_BYTES, rounds, String.join(" ", WorkerProcess.HEAP));
        try {
            for (String broker : System.getProperty("bench.brokers", "kafka,rabbitmq,rocketmq").split(",")) {
                try (Broker b = Broker.start(broker.trim(), work)) {
                    measure(b, pluginsDir, records, rounds);
                }
            }
        } finally {
            PipelineBenchmark.deleteTree(work);
        }
    }

    private static void measure(Broker broker, Path pluginsDir, int records, int rounds) throws Exception {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        String driverProduce = broker.name() + " driver produce";
        String driverConsume = broker.name() + " driver consume";
        for (int round = 1; round <= rounds; round++) {
            String toolQueue = "tool-" + round + "-" + Long.toHexString(System.nanoTime());
            String driverQueue = "driver-" + round + "-" + Long.toHexString(System.nanoTime());
            broker.prepare().accept(toolQueue);
            broker.prepare().accept(driverQueue);
            boolean toolFirst = round % 2 == 1;
            int n = round; // for the lambdas
            inTurns(toolFirst,
                    () -> record(rates, n, broker.producer().name(), broker.producer().run().run(toolQueue, records, "")),
                    () -> record(rates, n, driverProduce, driverRate(DRIVER_PRODUCE, pluginsDir, broker.driverUrl(), records, driverQueue, "")));
            if (broker.consumer() != null) {
                inTurns(toolFirst,
                        () -> record(rates, n, broker.consumer().name(), broker.consumer().run().run(toolQueue, records, "tool-group-" + n)),
                        () -> record(rates, n, driverConsume, driverRate(DRIVER_CONSUME, pluginsDir, broker.driverUrl(), records,
                                driverQueue, "driver-group-" + n)));
            }
        }
        report(rates, driverProduce, broker.producer().name());
        if (broker.consumer() != null) {
            report(rates, driverConsume, broker.consumer().name());
        }
    }

    @FunctionalInterface
    private interface Measurement {
        void run() throws Exception;
    }

    /** The tool's measurement and the driver's, the tool's first or second. */
    private static void inTurns(boolean toolFirst, Measurement tool, Measurement driver) throws Exception {
        (toolFirst ? tool : driver).run();
        (toolFirst ? driver : tool).run();
    }

    /** One side of a broker's own tool: its name, and a run of it over {@code records} messages of a queue. */
    private record Tool(String name, ToolRun run) {
    }

    @FunctionalInterface
    private interface ToolRun {
        /** @return records/s; {@code group} is for a consumer */
        double run(String queue, int records, String group) throws Exception;
    }

    /**
     * A broker: its driver's URL, its tool's producer and consumer (null where the tool cannot read a topic written
     * before it), what makes a queue before either side uses it, and what stops the broker.
     */
    private record Broker(String name, String driverUrl, Tool producer, Tool consumer, java.util.function.Consumer<String> prepare,
                          Runnable stop) implements AutoCloseable {
        static Broker start(String name, Path work) {
            return switch (name) {
                case "kafka" -> kafka(ChildKafka.start(work.resolve("kafka")));
                case "rabbitmq" -> rabbitMq(RabbitMqTestVhost.name());
                case "rocketmq" -> rocketMq(ChildRocketMq.start(work.resolve("rocketmq")));
                default -> throw new IllegalArgumentException("bench.brokers: kafka, rabbitmq or rocketmq, not " + name);
            };
        }

        @Override
        public void close() {
            stop.run();
        }
    }

    /** Kafka's perf tools against a KRaft broker in a child JVM, on topics of one partition. */
    private static Broker kafka(ChildKafka kafka) {
        String servers = kafka.bootstrapServers();
        return new Broker("kafka", "oms:kafka://" + servers + "/default",
                new Tool("kafka-producer-perf-test", (queue, records, group) -> producerPerfTest(servers, queue, records)),
                new Tool("kafka-consumer-perf-test", (queue, records, group) -> consumerPerfTest(servers, queue, records, group)),
                queue -> kafka.createTopic(queue, 1), kafka::close);
    }

    /**
     * RabbitMQ's PerfTest against the machine's broker (127.0.0.1:5672, guest), in a virtual host of this JVM's: the
     * driver's default layout keeps a topic in a stream, so PerfTest writes and reads a stream too, with persistent
     * messages, publisher confirms (2000 outstanding, the driver's batch) and manual acks (prefetch 2000). Each side
     * declares its own queues; the virtual host goes with this JVM.
     */
    private static Broker rabbitMq(String vhost) {
        String uri = "amqp://guest:guest@127.0.0.1:5672/" + (vhost.equals("default") ? "%2F" : vhost);
        return new Broker("rabbitmq", "oms:rabbitmq://guest:guest@127.0.0.1:5672/" + vhost,
                new Tool("PerfTest producer", (queue, records, group) -> perfTestRate(runJava(PERF_TEST, "--uri", uri,
                        "--producers", "1", "--consumers", "0", "--queue", queue, "--stream-queue", "--auto-delete", "false",
                        "--flag", "persistent", "--confirm", "2000", "--pmessages", Integer.toString(records),
                        "--size", Integer.toString(BODY_BYTES)), "sending")),
                new Tool("PerfTest consumer", (queue, records, group) -> perfTestRate(runJava(PERF_TEST, "--uri", uri,
                        "--producers", "0", "--consumers", "1", "--queue", queue, "--stream-queue", "--auto-delete", "false",
                        "--qos", "2000", "--stream-consumer-offset", "first", "--cmessages", Integer.toString(records)), "receiving")),
                queue -> { }, () -> { });
    }

    /**
     * RocketMQ 5.5's benchmark producer ({@code rocketmq-example}'s {@code benchmark.Producer}, its defaults: 64
     * threads of synchronous sends) against the driver's sends, on a name server and broker in a child JVM, topics of
     * 4 queues. Its benchmark consumer is a push consumer that starts at a topic's end and reports rates until
     * stopped: it cannot read a topic written before it, so the consume side is not compared.
     */
    private static Broker rocketMq(ChildRocketMq rocketMq) {
        return new Broker("rocketmq", rocketMq.url(),
                new Tool("RocketMQ benchmark Producer", (queue, records, group) -> {
                    String output = runJava("org.apache.rocketmq.example.benchmark.Producer", "-n", rocketMq.nameServerAddress(),
                            "-t", queue, "-s", Integer.toString(BODY_BYTES), "-q", Integer.toString(records));
                    Matcher m = ROCKETMQ_COMPLETE.matcher(output);
                    if (!m.find()) {
                        throw new IllegalStateException("no [Complete] line from the RocketMQ benchmark Producer:\n" + output);
                    }
                    return Double.parseDouble(m.group(2));
                }),
                null, queue -> rocketMq.createTopic(queue, 4), rocketMq::close);
    }

    private static final Pattern ROCKETMQ_COMPLETE = Pattern.compile("\\[Complete\\] Send Total: (\\d+) \\| Send TPS: (\\d+)");
    private static final String PERF_TEST = "com.rabbitmq.perf.PerfTest";
    private static final Pattern PERF_TEST_RATE = Pattern.compile("(sending|receiving) rate avg: ([0-9.]+) msg/s");

    private static double perfTestRate(String output, String which) {
        Matcher m = PERF_TEST_RATE.matcher(output);
        while (m.find()) {
            if (m.group(1).equals(which)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new IllegalStateException("no " + which + " rate in PerfTest's output:\n" + output);
    }

    private static void record(Map<String, List<Double>> rates, int round, String what, double rate) {
        rates.computeIfAbsent(what, k -> new ArrayList<>()).add(rate);
        System.out.printf(Locale.ROOT, "round %d %s: %.0f records/s%n", round, what, rate);
    }

    private static void report(Map<String, List<Double>> rates, String driver, String tool) {
        double d = PipelineBenchmark.median(rates.get(driver));
        double t = PipelineBenchmark.median(rates.get(tool));
        System.out.printf(Locale.ROOT, "RESULT %s %.0f records/s, %s %.0f records/s, driver/tool %.2f (medians of %d rounds; per round %s)%n",
                driver, d, tool, t, d / t, rates.get(driver).size(), ratios(rates.get(driver), rates.get(tool)));
    }

    private static String ratios(List<Double> driver, List<Double> tool) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < driver.size(); i++) {
            out.add(String.format(Locale.ROOT, "%.2f", driver.get(i) / tool.get(i)));
        }
        return String.join(", ", out);
    }

    private static double producerPerfTest(String servers, String topic, int records) throws Exception {
        String output = runJava("org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records", Integer.toString(records),
                "--record-size", Integer.toString(BODY_BYTES), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + servers, "acks=all", "enable.idempotence=true");
        Matcher m = PRODUCER_SUMMARY.matcher(output);
        double rate = -1;
        while (m.find()) {
            if (Long.parseLong(m.group(1)) == records) {
                rate = Double.parseDouble(m.group(2));
            }
        }
        if (rate < 0) {
            throw new IllegalStateException("no summary of " + records + " records from ProducerPerformance:\n" + output);
        }
        return rate;
    }

    /** {@code nMsg.sec} of ConsumerPerformance's report: from its start (the group's join included) to the last message. */
    private static double consumerPerfTest(String servers, String topic, int records, String group) throws Exception {
        String output = runJava("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", servers, "--topic", topic,
                "--messages", Integer.toString(records), "--group", group);
        List<String> lines = output.lines().filter(l -> l.contains(",")).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            List<String> header = Arrays.stream(lines.get(i).split(",")).map(String::trim).toList();
            int column = header.indexOf("nMsg.sec");
            if (column >= 0) {
                return Double.parseDouble(lines.get(i + 1).split(",")[column].trim());
            }
        }
        throw new IllegalStateException("no nMsg.sec in ConsumerPerformance's output:\n" + output);
    }

    private static double driverRate(String side, Path pluginsDir, String url, int records, String topic, String group) throws Exception {
        String output = runJava(BrokerToolBenchmark.class.getName(), side, pluginsDir.toString(), url, Integer.toString(records), topic, group);
        Matcher m = RATE.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no RATE from the driver's JVM:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    /** In a driver JVM: {@code <side> <pluginsDir> <url> <records> <topic> <group>}; prints {@code RATE <records/s>}. */
    private static void driverSide(String[] args) throws Exception {
        try (PipelineBenchmark.RawDriver driver = new PipelineBenchmark.RawDriver(Path.of(args[1]))) {
            int records = Integer.parseInt(args[3]);
            double rate = args[0].equals(DRIVER_PRODUCE) ? driver.produceOnly(args[2], records, args[4])
                    : driver.consumeOnly(args[2], records, args[4], args[5]);
            System.out.printf(Locale.ROOT, "RATE %.1f%n", rate);
        }
        System.exit(0); // a driver's non-daemon threads must not keep this JVM
    }

    /** Runs {@code mainClass args} in a new JVM on this classpath, with {@link WorkerProcess#HEAP}; returns its output. */
    private static String runJava(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = WorkerProcess.javaCommand(
                List.of("-Domsconnect.logDir=" + System.getProperty("omsconnect.logDir", "target/bench-logs")), mainClass, args);
        Path output = Files.createTempFile("bench-tool-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            // the RocketMQ driver takes its name server from its URL only with this (oms-drivers/rocketmq/README.md)
            pb.environment().put("OMS_RMQ_DIRECT_NAME_SRV", "true");
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(mainClass + " did not end within 10 minutes");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(mainClass + " exited with " + p.exitValue() + ":\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
