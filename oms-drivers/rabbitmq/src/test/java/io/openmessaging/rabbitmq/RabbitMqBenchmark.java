package io.openmessaging.rabbitmq;

import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * Produce then consume N 100-byte messages through the driver and the RabbitMQ on 127.0.0.1:5672,
 * every message confirmed by the broker and acked by the consumer; prints records/s per phase, and
 * first the same with the bare amqp-client as the baseline the driver is measured against.
 * <pre>
 * mvn -q -pl oms-drivers/rabbitmq -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.openmessaging.rabbitmq.RabbitMqBenchmark [-Dexec.args="100000"]
 * </pre>
 */
public final class RabbitMqBenchmark {
    private static final int BODY_BYTES = 100;
    /** async sends in flight at most, so the benchmark measures a steady state, not a memory burst */
    private static final int WINDOW = 5_000;
    private static final int BATCH = 1_000;

    private RabbitMqBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        RawClientBaseline.run(count, BODY_BYTES, WINDOW);
        MessagingAccessPointImpl accessPoint = new MessagingAccessPointImpl(LocalRabbitMq.attributes());
        accessPoint.startup();
        String topic = "oms-bench-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            PullConsumer consumer = accessPoint.createPullConsumer(new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, "bench"));
            consumer.attachQueue(topic);
            consumer.startup();
            Producer producer = accessPoint.createProducer();
            producer.startup();
            byte[] body = new byte[BODY_BYTES];

            report("produce, sendAsync (window " + WINDOW + ")", count, () -> produceAsync(producer, topic, body, count));
            report("consume, receive + ack", count, () -> consume(consumer, count));
            report("produce, batch of " + BATCH + " per commit", count, () -> produceBatches(producer, topic, body, count));
            report("consume, receive + ack", count, () -> consume(consumer, count));
            int syncCount = Math.min(count, 10_000);
            report("produce, sync send", syncCount, () -> {
                for (int i = 0; i < syncCount; i++) {
                    producer.send(producer.createBytesMessage(topic, body));
                }
            });
            report("consume, receive + ack", syncCount, () -> consume(consumer, syncCount));
        } finally {
            try {
                accessPoint.resourceManager().deleteQueue(topic);
            } catch (Exception e) {
                System.err.println("cleanup of " + topic + " failed: " + e);
            }
            accessPoint.shutdown();
        }
    }

    private static void produceAsync(Producer producer, String topic, byte[] body, int count) {
        Deque<Future<SendResult>> inFlight = new ArrayDeque<>();
        for (int i = 0; i < count; i++) {
            if (inFlight.size() == WINDOW) {
                inFlight.removeFirst().get(30_000);
            }
            inFlight.addLast(producer.sendAsync(producer.createBytesMessage(topic, body)));
        }
        while (!inFlight.isEmpty()) {
            inFlight.removeFirst().get(30_000);
        }
    }

    private static void produceBatches(Producer producer, String topic, byte[] body, int count) {
        BatchMessageSender batch = producer.createBatchMessageSender();
        for (int i = 0; i < count; i++) {
            batch.send(producer.createBytesMessage(topic, body));
            if ((i + 1) % BATCH == 0 || i == count - 1) {
                batch.commit();
            }
        }
        batch.close();
    }

    private static void consume(PullConsumer consumer, int count) {
        KeyValue timeout = new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, 10_000);
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(timeout);
            if (message == null) {
                throw new IllegalStateException("only " + i + " of " + count + " messages arrived");
            }
            consumer.ack(message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        }
    }

    private static void report(String phase, int count, Runnable work) {
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-40s %,9d records in %6.2f s = %,10.0f records/s%n", phase, count, seconds, count / seconds);
    }
}
