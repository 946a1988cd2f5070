package io.openmessaging.rabbitmq;

import io.openmessaging.BytesMessage;
import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.ResourceManager;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.exception.OMSException;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.exception.OMSResourceNotExistException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.interceptor.ProducerInterceptor;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver against the real RabbitMQ on 127.0.0.1:5672, in its default layout (topics are streams);
 * {@link RabbitMqClassicQueuesIT} runs the same tests on the classic layout. Every test works on topics of its own.
 */
class RabbitMqDriverIT {
    private static final long RECEIVE_MS = 5_000;

    MessagingAccessPoint accessPoint;
    private final List<String> topics = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        LocalRabbitMq.assumeRunning();
        // the way the host creates it: the class named by the OMS naming rule, (KeyValue) constructor
        KeyValue attributes = attributes();
        accessPoint = (MessagingAccessPoint) Class.forName(attributes.getString(OMSBuiltinKeys.DRIVER_IMPL))
                .getConstructor(KeyValue.class).newInstance(attributes);
        accessPoint.startup();
    }

    /** The access point's attributes: the layout under test. */
    KeyValue attributes() {
        return LocalRabbitMq.attributes();
    }

    @AfterEach
    void cleanUp() {
        if (accessPoint == null) {
            return;
        }
        ResourceManager resources = accessPoint.resourceManager();
        for (String topic : topics) {
            try {
                resources.deleteQueue(topic);
            } catch (OMSResourceNotExistException e) {
                // the test deleted it already
            }
        }
        accessPoint.shutdown();
    }

    @Test
    void implVersionIsOms031() {
        assertEquals("0.3.1-alpha", accessPoint.implVersion());
    }

    @Test
    void messagesOfOneQueueArriveInOrder() {
        String topic = topic();
        PullConsumer consumer = consumer("order", topic);
        Producer producer = producer();
        for (int i = 0; i < 200; i++) {
            producer.send(producer.createBytesMessage(topic, bytes("m" + i)));
        }
        receiveAndAck(consumer, "m", 200);
        assertNull(consumer.receive(timeout(200)));
    }

    @Test
    void syncSendReturnsTheIdTheConsumerSeesWithHeaders() {
        String topic = topic();
        PullConsumer consumer = consumer("headers", topic);
        Producer producer = producer();
        BytesMessage sent = producer.createBytesMessage(topic, bytes("hello"));
        sent.putUserHeaders("connect-key", "k1");
        sent.putUserHeaders("count", 42);
        sent.putSysHeaders(Message.BuiltinKeys.TRACE_ID, "trace-1");
        SendResult result = producer.send(sent);
        assertNotNull(result.messageId());

        Message received = receive(consumer);
        assertEquals("hello", text(received));
        assertEquals(result.messageId(), received.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID));
        assertEquals(topic, received.sysHeaders().getString(Message.BuiltinKeys.DESTINATION));
        assertEquals("trace-1", received.sysHeaders().getString(Message.BuiltinKeys.TRACE_ID));
        assertTrue(received.sysHeaders().getLong(Message.BuiltinKeys.BORN_TIMESTAMP) > 0);
        assertEquals("k1", received.userHeaders().getString("connect-key"));
        assertEquals(42, received.userHeaders().getInt("count"));
        assertFalse(received.userHeaders().containsKey(Message.BuiltinKeys.TRACE_ID));
        assertFalse(received.sysHeaders().containsKey(Message.BuiltinKeys.REDELIVERED_NUMBER));
        consumer.ack(received.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
    }

    @Test
    void asyncSendsCompleteTheirFuturesAndListeners() throws Exception {
        String topic = topic();
        PullConsumer consumer = consumer("async", topic);
        Producer producer = producer();
        int count = 500;
        CountDownLatch listened = new CountDownLatch(count);
        List<Future<SendResult>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Future<SendResult> future = producer.sendAsync(producer.createBytesMessage(topic, bytes("a" + i)));
            future.addListener(done -> {
                if (done.getThrowable() == null) {
                    listened.countDown();
                }
            });
            futures.add(future);
        }
        Set<String> ids = new HashSet<>();
        for (Future<SendResult> future : futures) {
            ids.add(future.get(RECEIVE_MS).messageId());
        }
        assertEquals(count, ids.size());
        assertTrue(listened.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        receiveAndAck(consumer, "a", count);
    }

    @Test
    void onewaySendsArriveAndInterceptorsSeeConfirmedSends() throws Exception {
        String topic = topic();
        PullConsumer consumer = consumer("oneway", topic);
        Producer producer = producer();
        CountDownLatch confirmed = new CountDownLatch(1);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        producer.addInterceptor(new ProducerInterceptor() {
            @Override
            public void preSend(Message message, KeyValue attributes) {
                seen.add("pre " + text(message));
            }

            @Override
            public void postSend(Message message, KeyValue attributes) {
                seen.add("post " + text(message));
                confirmed.countDown();
            }

            @Override
            public void postSend(Message message, KeyValue attributes, OMSException e) {
                seen.add("failed " + text(message));
            }
        });
        producer.sendOneway(producer.createBytesMessage(topic, bytes("fire")));
        producer.send(producer.createBytesMessage(topic, bytes("confirm")));
        assertTrue(confirmed.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        assertEquals(List.of("pre fire", "pre confirm", "post confirm"), seen);
        assertEquals("fire", text(receive(consumer)));
        assertEquals("confirm", text(receive(consumer)));
    }

    @Test
    void batchCommitPublishesAndRollbackDiscards() {
        String topic = topic();
        PullConsumer consumer = consumer("batch", topic);
        Producer producer = producer();
        BatchMessageSender batch = producer.createBatchMessageSender();
        batch.send(producer.createBytesMessage(topic, bytes("discarded")));
        batch.rollback();
        for (int i = 0; i < 300; i++) {
            batch.send(producer.createBytesMessage(topic, bytes("b" + i)));
        }
        batch.commit();
        batch.close();
        receiveAndAck(consumer, "b", 300);
        assertNull(consumer.receive(timeout(200)));
        assertThrows(OMSRuntimeException.class, () -> batch.send(producer.createBytesMessage(topic, bytes("late"))));
    }

    @Test
    void unackedMessagesAreRedeliveredAfterConsumerRestart() {
        String topic = topic();
        PullConsumer first = consumer("redelivery", topic);
        Producer producer = producer();
        for (int i = 0; i < 3; i++) {
            producer.send(producer.createBytesMessage(topic, bytes("r" + i)));
        }
        Message acked = receive(first);
        assertEquals("r0", text(acked));
        first.ack(acked.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        assertEquals("r1", text(receive(first)));
        assertEquals("r2", text(receive(first)));
        first.shutdown(); // r1 and r2 were not acked

        PullConsumer second = consumer("redelivery", topic);
        for (String expected : List.of("r1", "r2")) {
            Message again = receive(second);
            assertEquals(expected, text(again));
            second.ack(again.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        }
        assertNull(second.receive(timeout(300)));
    }

    @Test
    void ackOfUnknownOrRepeatedHandleFailsWithoutBreakingTheConsumer() {
        String topic = topic();
        PullConsumer consumer = consumer("acks", topic);
        Producer producer = producer();
        producer.send(producer.createBytesMessage(topic, bytes("x")));
        producer.send(producer.createBytesMessage(topic, bytes("y")));
        Message x = receive(consumer);
        String handle = x.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE);
        consumer.ack(handle);
        assertThrows(OMSRuntimeException.class, () -> consumer.ack(handle));
        assertThrows(OMSRuntimeException.class, () -> consumer.ack("0-999999"));
        assertThrows(OMSRuntimeException.class, () -> consumer.ack("garbage"));
        Message y = receive(consumer);
        assertEquals("y", text(y));
        consumer.ack(y.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
    }

    @Test
    void everyConsumerGroupReceivesEveryMessage() {
        String topic = topic();
        PullConsumer groupOne = consumer("one", topic);
        PullConsumer groupTwo = consumer("two", topic);
        Producer producer = producer();
        for (int i = 0; i < 10; i++) {
            producer.send(producer.createBytesMessage(topic, bytes("g" + i)));
        }
        for (PullConsumer consumer : List.of(groupOne, groupTwo)) {
            receiveAndAck(consumer, "g", 10);
        }
    }

    @Test
    void oneMegabyteMessageArrivesIntact() {
        String topic = topic();
        PullConsumer consumer = consumer("big", topic);
        Producer producer = producer();
        byte[] body = new byte[1024 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        producer.send(producer.createBytesMessage(topic, body));
        Message message = receive(consumer);
        assertArrayEquals(body, message.getBody(byte[].class));
        consumer.ack(message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
    }

    @Test
    void resourceManagerListsAndDeletesQueues() throws Exception {
        String topic = topic();
        ResourceManager resources = accessPoint.resourceManager();
        resources.createQueue(topic, new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, "g"));
        assertTrue(resources.listQueues("default").contains(topic));
        assertTrue(resources.listQueues(null).contains(topic));
        assertEquals("fanout", resources.getQueueAttributes(topic).getString("exchange.type"));
        resources.deleteQueue(topic);
        assertFalse(resources.listQueues(null).contains(topic));
        assertThrows(OMSResourceNotExistException.class, () -> resources.deleteQueue(topic));
        assertThrows(OMSResourceNotExistException.class, () -> resources.getQueueAttributes(topic));
        assertThrows(OMSResourceNotExistException.class, () -> resources.listQueues("other-vhost"));
        assertThrows(OMSNotSupportedException.class, () -> resources.createNamespace("ns", new DefaultKeyValue()));
        assertThrows(OMSNotSupportedException.class, resources::listNamespaces);
    }

    @Test
    void producerFailsClearlyOnceShutDown() {
        String topic = topic();
        consumer("closed", topic);
        Producer producer = producer();
        producer.send(producer.createBytesMessage(topic, bytes("before")));
        producer.shutdown();
        assertSendFails(producer, topic, "shut down");
        assertThrows(OMSRuntimeException.class, () -> producer.sendAsync(producer.createBytesMessage(topic, bytes("after"))));
    }

    @Test
    void pullConsumerNeedsAConsumerGroup() {
        OMSRuntimeException error = assertThrows(OMSRuntimeException.class, () -> accessPoint.createPullConsumer(new DefaultKeyValue()));
        assertTrue(error.getMessage().contains("CONSUMER_ID"), error.getMessage());
        assertThrows(OMSNotSupportedException.class, () -> accessPoint.createPushConsumer());
    }

    @Test
    void wrongPasswordAndUnknownVhostAreReportedAsSuch() {
        MessagingAccessPoint badPassword = new MessagingAccessPointImpl(
                LocalRabbitMq.attributes("guest:wrong@" + LocalRabbitMq.HOST + ":" + LocalRabbitMq.PORT, "default"));
        OMSRuntimeException auth = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(OMSRuntimeException.class, badPassword::startup));
        assertTrue(auth.getMessage().contains("authentication failed"), auth.getMessage());
        assertFalse(auth.getMessage().contains("wrong"), "the password must not leak: " + auth.getMessage());

        MessagingAccessPoint badVhost = new MessagingAccessPointImpl(
                LocalRabbitMq.attributes("guest:guest@" + LocalRabbitMq.HOST + ":" + LocalRabbitMq.PORT, "no-such-vhost-" + UUID.randomUUID()));
        OMSRuntimeException vhost = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(OMSRuntimeException.class, badVhost::startup));
        assertTrue(vhost.getMessage().contains("no-such-vhost"), vhost.getMessage());
    }

    String topic() {
        String topic = "oms-it-" + UUID.randomUUID().toString().substring(0, 8);
        topics.add(topic);
        return topic;
    }

    static void assertSendFails(Producer producer, String topic, String because) {
        OMSRuntimeException error = assertThrows(OMSRuntimeException.class,
                () -> producer.send(producer.createBytesMessage(topic, bytes("refused"))));
        assertTrue(error.getMessage().contains(because), error.getMessage());
    }

    Producer producer() {
        Producer producer = accessPoint.createProducer();
        producer.startup();
        return producer;
    }

    PullConsumer consumer(String group, String topic) {
        PullConsumer consumer = accessPoint.createPullConsumer(new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, group));
        consumer.attachQueue(topic);
        consumer.startup();
        return consumer;
    }

    /** Receives and acks {@code prefix0 .. prefix(count-1)}, in that order. */
    static void receiveAndAck(PullConsumer consumer, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            Message message = receive(consumer);
            assertEquals(prefix + i, text(message));
            consumer.ack(message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        }
    }

    static Message receive(PullConsumer consumer) {
        Message message = consumer.receive(timeout(RECEIVE_MS));
        assertNotNull(message, "no message within " + RECEIVE_MS + " ms");
        return message;
    }

    static KeyValue timeout(long ms) {
        return new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, ms);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Message message) {
        return new String(message.getBody(byte[].class), StandardCharsets.UTF_8);
    }

}
