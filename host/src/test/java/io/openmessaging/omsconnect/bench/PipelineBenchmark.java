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
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The pipeline benchmark of the quality bars: N 100-byte lines file source → driver → file sink, through a
 * real worker, against the raw driver (produce N, then consume and ack N, same sizes, same loading path)
 * measured in the same run. Prints records/s of each and their ratio.
 *
 * <pre>
 * mvn -q -DskipTests package && mvn -q -pl host -am -Pbench verify -DskipTests \
 *     [-Dbench.records=1000000] [-Dbench.rounds=3] [-Dbench.drivers=local,oms:rabbitmq://guest:guest@127.0.0.1:5672/default]
 * </pre>
 * "local" stands for {@code oms:local://<temp dir>/default}; "rocketmq" for a RocketMQ name server and broker
 * this benchmark starts in a child JVM (see {@link ChildRocketMq}; needs {@code OMS_RMQ_DIRECT_NAME_SRV=true},
 * which the bench profile sets); every other entry is used as the URL. Driver keys go in the URL's query:
 * the sink acks once per offset flush (1 s), so RabbitMQ's {@code rabbitmq.prefetch} (1000 unacked) caps a
 * sink near 1000 records/s; {@code ...?rabbitmq.prefetch=10000} lifts it (measured: 904 → 4600 records/s).
 */
public final class PipelineBenchmark {
    private static final int BODY_BYTES = 100;
    private static final int BATCH = 2000;
    private static final String ROCKETMQ = "rocketmq";
    /** Queues of each RocketMQ benchmark topic: its pull consumer reads each queue at most every 200 ms. */
    private static final int ROCKETMQ_QUEUES = 4;

    public static void main(String[] args) throws Exception {
        int records = Integer.getInteger("bench.records", 1_000_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        List<String> drivers = Arrays.asList(System.getProperty("bench.drivers", "local").split(","));
        Path pluginsDir = Path.of(System.getProperty("omsconnect.pluginsDir", "../plugins-dir")).toAbsolutePath().normalize();
        System.out.printf("pipeline benchmark: %d records of %d bytes, %d rounds, plugins from %s%n", records,
                BODY_BYTES, rounds, pluginsDir);
        for (String driver : drivers) {
            List<Double> raw = new ArrayList<>();
            List<Double> pipeline = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Path work = Files.createTempDirectory("omsconnect-bench");
                try {
                    String url = driver.equals("local") ? "oms:local://" + work.resolve("raw-mq") + "/default"
                            : driver.equals(ROCKETMQ) ? ChildRocketMq.shared().url() : driver;
                    raw.add(rawDriver(pluginsDir, url, records, topic(driver, "raw-" + round + "-" + System.nanoTime())));
                    String pipeUrl = driver.equals("local") ? "oms:local://" + work.resolve("mq") + "/default" : url;
                    pipeline.add(pipeline(pluginsDir, work, pipeUrl, records, topic(driver, "bench-" + round + "-" + System.nanoTime())));
                    System.out.printf("  %s round %d: raw driver %.0f records/s, pipeline %.0f records/s%n", driver,
                            round, raw.get(raw.size() - 1), pipeline.get(pipeline.size() - 1));
                } finally {
                    deleteTree(work);
                }
            }
            double r = median(raw);
            double p = median(pipeline);
            System.out.printf("RESULT driver=%s raw=%.0f records/s pipeline=%.0f records/s ratio=%.2f (medians of %d)%n",
                    driver, r, p, p / r, rounds);
        }
    }

    /**
     * Attach a consumer (on brokers that route to consumer groups, RabbitMQ, a message sent before its
     * group is bound is refused), then produce N messages (async, in batches, as the worker's source task
     * does), then consume and ack N. The clock runs from the first send to the last ack.
     */
    static double rawDriver(Path pluginsDir, String url, int records, String queue) throws Exception {
        try (Pf4jPluginHost plugins = new Pf4jPluginHost(pluginsDir);
             PluginDriverRegistry registry = new PluginDriverRegistry(plugins)) {
            plugins.start();
            MessagingAccessPoint ap = registry.acquire(url);
            byte[] body = new byte[BODY_BYTES];
            Arrays.fill(body, (byte) 'x');
            KeyValue kv = new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, "bench");
            PullConsumer consumer = ap.createPullConsumer(kv);
            consumer.attachQueue(queue);
            consumer.startup();
            long start = System.nanoTime();
            Producer producer = ap.createProducer();
            producer.startup();
            List<Future<SendResult>> pending = new ArrayList<>(BATCH);
            for (int i = 0; i < records; i++) {
                pending.add(producer.sendAsync(producer.createBytesMessage(queue, body)));
                if (pending.size() == BATCH || i == records - 1) {
                    for (Future<SendResult> f : pending) {
                        if (f.get(30_000) == null) {
                            throw new IllegalStateException("raw driver: send failed: " + f.getThrowable());
                        }
                    }
                    pending.clear();
                }
            }
            producer.shutdown();
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
                m.getBody(byte[].class);
                consumer.ack(RecordMessageCodec.ackHandle(m));
                consumed++;
            }
            long elapsed = System.nanoTime() - start;
            consumer.shutdown();
            registry.release(url);
            return records / (elapsed / 1e9);
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

    /** Lines written first; the clock runs from creating the connectors to the last line in the output file. */
    static double pipeline(Path pluginsDir, Path work, String url, int records, String topic) throws Exception {
        Path in = work.resolve("in.txt");
        Path out = work.resolve("out.txt");
        String line = "x".repeat(BODY_BYTES - 1); // + '\n' = 100 bytes a record
        try (BufferedWriter w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
            for (int i = 0; i < records; i++) {
                w.write(line);
                w.write('\n');
            }
        }
        long expectedBytes = Files.size(in);
        Properties p = new Properties();
        p.setProperty("workerId", "bench");
        p.setProperty("httpPort", "0");
        p.setProperty("storePathRootDir", work.resolve("store").toString());
        p.setProperty("pluginsDir", pluginsDir.toString());
        p.setProperty("omsDriverUrl", url);
        WorkerMain worker = new WorkerMain(WorkerConfig.from(p, work));
        try {
            worker.start();
            Herder herder = worker.herder();
            long start = System.nanoTime();
            herder.putConnectorConfig("bench-sink", Map.of("connector-class", "io.openmessaging.omsconnect.file.FileSinkConnector",
                    "file", out.toString(), "connect-topicnames", topic), false);
            herder.putConnectorConfig("bench-source", Map.of("connector-class", "io.openmessaging.omsconnect.file.FileSourceConnector",
                    "file", in.toString(), "connect-topicname", topic), false);
            long deadline = System.currentTimeMillis() + 600_000;
            while (!Files.exists(out) || Files.size(out) < expectedBytes) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("pipeline did not finish: " + (Files.exists(out) ? Files.size(out) : 0)
                            + " of " + expectedBytes + " bytes");
                }
                Thread.sleep(5);
            }
            long elapsed = System.nanoTime() - start;
            return records / (elapsed / 1e9);
        } finally {
            worker.close();
        }
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
