package io.openmessaging.local;

import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Throughput of the oms:local driver: N (default 1,000,000) 100-byte messages produced, then
 * consumed with an ack each; then the same with async sends; then producer and consumer running
 * at once. Run: {@code java -cp <test classpath> io.openmessaging.local.LocalDriverBenchmark [N] [fsync]}.
 */
public final class LocalDriverBenchmark {

    private static final int BODY_BYTES = 100;

    private LocalDriverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String fsync = args.length > 1 ? args[1] : "never";
        Path dir = Files.createTempDirectory("oms-local-bench");
        MessagingAccessPoint mq = LocalDriverFixture.open(dir, "fsync=" + fsync);
        try {
            byte[] body = new byte[BODY_BYTES];
            Producer producer = mq.createProducer();
            warmUp(mq, producer, body, Math.min(n, 200_000));

            double syncProduce = rate(n, time(() -> produceSync(producer, "bench-sync", body, n)));
            double consume = rate(n, time(() -> consume(mq, "bench-sync", n)));
            double combinedSync = n / (n / syncProduce + n / consume);
            double asyncProduce = rate(n, time(() -> produceAsync(producer, "bench-async", body, n)));
            double consumeAsync = rate(n, time(() -> consume(mq, "bench-async", n)));
            double combinedAsync = n / (n / asyncProduce + n / consumeAsync);
            double pipelined = rate(n, time(() -> pipelined(mq, "bench-pipe", () -> produceSync(producer, "bench-pipe", body, n), n)));
            double pipelinedAsync = rate(n, time(() -> pipelined(mq, "bench-pipe-async",
                () -> produceAsync(producer, "bench-pipe-async", body, n), n)));

            System.out.printf("oms:local benchmark: %,d messages of %d bytes, fsync=%s%n", n, BODY_BYTES, fsync);
            System.out.printf("  produce (sync send)        %,12.0f msg/s%n", syncProduce);
            System.out.printf("  consume (receive + ack)    %,12.0f msg/s%n", consume);
            System.out.printf("  combined sync: n/(tP+tC)   %,12.0f msg/s%n", combinedSync);
            System.out.printf("  produce (sendAsync)        %,12.0f msg/s%n", asyncProduce);
            System.out.printf("  consume (receive + ack)    %,12.0f msg/s%n", consumeAsync);
            System.out.printf("  combined async: n/(tP+tC)  %,12.0f msg/s%n", combinedAsync);
            System.out.printf("  pipelined: sync producer and consumer threads at once  %,12.0f msg/s%n", pipelined);
            System.out.printf("  pipelined: async producer and consumer threads at once %,12.0f msg/s%n", pipelinedAsync);
        } finally {
            mq.shutdown();
            deleteRecursively(dir);
        }
    }

    private static void warmUp(MessagingAccessPoint mq, Producer producer, byte[] body, int n) {
        produceSync(producer, "warm-up", body, n);
        consume(mq, "warm-up", n);
    }

    private static void produceSync(Producer producer, String queue, byte[] body, int n) {
        for (int i = 0; i < n; i++) {
            producer.send(producer.createBytesMessage(queue, body));
        }
    }

    private static void produceAsync(Producer producer, String queue, byte[] body, int n) {
        Future<SendResult> last = null;
        for (int i = 0; i < n; i++) {
            last = producer.sendAsync(producer.createBytesMessage(queue, body));
        }
        last.get(60_000); // written in order: the last done means all done
    }

    private static void consume(MessagingAccessPoint mq, String queue, int n) {
        PullConsumer consumer = LocalDriverFixture.consumer(mq, "bench", queue);
        KeyValue timeout = LocalDriverFixture.timeout(5000);
        for (int i = 0; i < n; i++) {
            Message message = consumer.receive(timeout);
            if (message == null) {
                throw new IllegalStateException("only " + i + " of " + n + " messages arrived");
            }
            consumer.ack(message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        }
        consumer.shutdown();
    }

    private static void pipelined(MessagingAccessPoint mq, String queue, Runnable produce, int n) throws InterruptedException {
        AtomicLong failures = new AtomicLong();
        Thread consumer = new Thread(() -> {
            try {
                consume(mq, queue, n);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                e.printStackTrace();
            }
        }, "bench-consumer");
        consumer.start();
        produce.run();
        consumer.join();
        if (failures.get() > 0) {
            throw new IllegalStateException("the consumer failed");
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static long time(Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return System.nanoTime() - start;
    }

    private static double rate(int n, long nanos) {
        return n / (nanos / 1e9);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
