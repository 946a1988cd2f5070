package io.openmessaging.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's baseline: the same produce (persistent, mandatory, confirmed every window) and
 * consume (prefetch 1000, one ack per message) with the bare amqp-client, no driver in between.
 */
final class RawClientBaseline {
    private RawClientBaseline() {
    }

    static void run(int count, int bodyBytes, int window) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(LocalRabbitMq.HOST);
        factory.setPort(LocalRabbitMq.PORT);
        String name = "oms-bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = factory.newConnection("oms-bench-raw")) {
            Channel producer = connection.createChannel();
            producer.exchangeDeclare(name, "fanout", true);
            producer.queueDeclare(name, true, false, false, null);
            producer.queueBind(name, name, "");
            producer.confirmSelect();
            byte[] body = new byte[bodyBytes];
            AMQP.BasicProperties persistent = MessageProperties.PERSISTENT_BASIC;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.basicPublish(name, "", true, persistent, body);
                if ((i + 1) % window == 0) {
                    producer.waitForConfirmsOrDie(30_000);
                }
            }
            producer.waitForConfirmsOrDie(30_000);
            print("raw amqp-client produce, confirms", count, start);

            Channel consumer = connection.createChannel();
            consumer.basicQos(1000);
            CountDownLatch received = new CountDownLatch(count);
            start = System.nanoTime();
            consumer.basicConsume(name, false, new DefaultConsumer(consumer) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] data) throws IOException {
                    consumer.basicAck(envelope.getDeliveryTag(), false);
                    received.countDown();
                }
            });
            if (!received.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("raw consume did not finish");
            }
            print("raw amqp-client consume, acks", count, start);
            producer.queueDelete(name);
            producer.exchangeDelete(name);
        } catch (Exception e) {
            throw new IllegalStateException("raw baseline failed: " + e, e);
        }
    }

    private static void print(String phase, int count, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-40s %,9d records in %6.2f s = %,10.0f records/s%n", phase, count, seconds, count / seconds);
    }
}
