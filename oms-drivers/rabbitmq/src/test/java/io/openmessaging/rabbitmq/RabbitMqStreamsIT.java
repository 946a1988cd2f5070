package io.openmessaging.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.exception.OMSResourceNotExistException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;
import io.openmessaging.rabbitmq.message.AmqpMessageCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Topics as RabbitMQ streams (the default layout), against the real RabbitMQ on 127.0.0.1:5672: what a
 * topic keeps before any group exists, group positions, one reader per group, retention, and sends
 * across a lost connection. Every test works on topics of its own.
 */
class RabbitMqStreamsIT {
    private static final long RECEIVE_MS = 5_000;

    private final List<MessagingAccessPoint> opened = new ArrayList<>();
    private final List<String> topics = new ArrayList<>();
    private Connection raw;

    @BeforeEach
    void connect() throws Exception {
        LocalRabbitMq.assumeRunning();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(LocalRabbitMq.HOST);
        factory.setPort(LocalRabbitMq.PORT);
        raw = factory.newConnection("oms-streams-it");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (MessagingAccessPoint accessPoint : opened) {
            accessPoint.shutdown();
        }
        if (raw == null) {
            return;
        }
        MessagingAccessPoint cleaner = accessPoint(Map.of());
        for (String topic : topics) {
            try {
                cleaner.resourceManager().deleteQueue(topic);
            } catch (OMSResourceNotExistException e) {
                // never created
            }
            for (String group : List.of("g", "late", "early")) {
                onRawChannel(channel -> channel.queueDelete(topic + "." + group + ".offset"));
            }
        }
        cleaner.shutdown();
        raw.close();
    }

    @Test
    void messagesSentBeforeAnyGroupAttachedAreReceivedFromTheFirstWithIncreasingOffsets() {
        MessagingAccessPoint accessPoint = accessPoint(Map.of());
        String topic = topic();
        Producer producer = producer(accessPoint);
        for (int i = 0; i < 20; i++) {
            producer.send(producer.createBytesMessage(topic, bytes("m" + i)));
        }
        PullConsumer consumer = consumer(accessPoint, "late", topic, Map.of());
        long previous = -1;
        for (int i = 0; i < 20; i++) {
            Message message = receive(consumer);
            assertEquals("m" + i, text(message));
            long offset = message.sysHeaders().getLong(AmqpMessageCodec.QUEUE_OFFSET, -1);
            assertTrue(offset > previous, "offset " + offset + " after " + previous);
            previous = offset;
            assertEquals(topic, message.sysHeaders().getString(Message.BuiltinKeys.DESTINATION));
            assertNotNull(message.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID));
            assertTrue(message.sysHeaders().getLong(Message.BuiltinKeys.BORN_TIMESTAMP) > 0);
            ack(consumer, message);
        }
        assertNull(consumer.receive(timeout(200)));
    }

    @Test
    void createQueueWithoutAGroupKeepsMessagesForEveryGroupThatComes() throws Exception {
        MessagingAccessPoint accessPoint = accessPoint(Map.of());
        String topic = topic();
        accessPoint.resourceManager().createQueue(topic, new DefaultKeyValue());
        assertEquals("stream", accessPoint.resourceManager().getQueueAttributes(topic).getString("queue.type"));
        Producer producer = producer(accessPoint);
        producer.send(producer.createBytesMessage(topic, bytes("early")));
        for (String group : List.of("g", "late")) {
            assertEquals("early", text(receive(consumer(accessPoint, group, topic, Map.of()))));
        }
    }

    @Test
    void aProducerKeepsSendingAfterItsTopicWasDeletedUnderIt() throws Exception {
        MessagingAccessPoint accessPoint = accessPoint(Map.of());
        String topic = topic();
        Producer producer = producer(accessPoint);
        producer.send(producer.createBytesMessage(topic, bytes("before")));
        accessPoint.resourceManager().deleteQueue(topic);
        // the broker closes the producer's channel (404): the send is published again on a new channel,
        // which declares the topic again
        producer.send(producer.createBytesMessage(topic, bytes("after")));
        assertEquals("after", text(receive(consumer(accessPoint, "g", topic, Map.of()))));
    }

    /**
     * A source and a sink of one topic in one worker declare it at the same moment. RabbitMQ before 4.0.5
     * closes the connection of every publisher to a stream bound before its writer is up (see
     * {@code Topology.declareStream}): here a publisher of another client keeps publishing to the topic's
     * exchange while a producer and a consumer of one access point declare the new topic together.
     */
    @Test
    void aTopicDeclaredByAProducerAndAConsumerAtOnceNeverBreaksAPublisherToIt() throws Exception {
        MessagingAccessPoint accessPoint = accessPoint(Map.of());
        byte[] body = bytes("other client");
        for (int round = 0; round < 40; round++) {
            String topic = topic();
            Channel publisher = raw.createChannel();
            publisher.confirmSelect();
            publisher.exchangeDeclare(topic, BuiltinExchangeType.FANOUT, true, false, null);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Producer> producing = CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                Producer producer = producer(accessPoint);
                producer.send(producer.createBytesMessage(topic, bytes("first")));
                return producer;
            });
            CompletableFuture<PullConsumer> consuming = CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return consumer(accessPoint, "g", topic, Map.of());
            });
            go.countDown();
            for (int i = 0; i < 200; i++) {
                publisher.basicPublish(topic, "", null, body);
            }
            publisher.waitForConfirmsOrDie(10_000);
            assertTrue(raw.isOpen(), "round " + round + ": the broker closed the publisher's connection: " + raw.getCloseReason());
            producing.get(30, TimeUnit.SECONDS).shutdown();
            consuming.get(30, TimeUnit.SECONDS).shutdown();
            publisher.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void twoGroupsEachGetEverythingWhenEverTheyAttached() {
        MessagingAccessPoint accessPoint = accessPoint(Map.of());
        String topic = topic();
        PullConsumer early = consumer(accessPoint, "early", topic, Map.of());
        Producer producer = producer(accessPoint);
        for (int i = 0; i < 10; i++) {
            producer.send(producer.createBytesMessage(topic, bytes("g" + i)));
        }
        PullConsumer late = consumer(accessPoint, "late", topic, Map.of());
        receiveAndAck(early, "g", 0, 10);
        receiveAndAck(late, "g", 0, 10);
    }

    @Test
    void afterOutOfOrderAcksARestartedGroupResumesAtItsCommittedOffset() {
        String topic = topic();
        MessagingAccessPoint first = accessPoint(Map.of());
        Producer producer = producer(first);
        for (int i = 0; i < 10; i++) {
            producer.send(producer.createBytesMessage(topic, bytes("r" + i)));
        }
        PullConsumer consumer = consumer(first, "g", topic, Map.of());
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            received.add(receive(consumer));
        }
        for (int i : new int[] {9, 0, 2, 1, 5, 4, 6}) { // 3, 7 and 8 never acked
            ack(consumer, received.get(i));
        }
        first.shutdown(); // stores the committed offset: 3
        assertEquals(3, storedOffset(topic, "g"));

        MessagingAccessPoint second = accessPoint(Map.of());
        PullConsumer again = consumer(second, "g", topic, Map.of());
        receiveAndAck(again, "r", 3, 10); // 3 to 9: no loss, the duplicates are those from the first unacked on
        assertNull(again.receive(timeout(300)));
        again.shutdown();
        assertEquals(10, storedOffset(topic, "g"), "stored when it shut down");
    }

    @Test
    void attachingWithAQueueOffsetMovesTheGroupThereAndStoresIt() {
        String topic = topic();
        MessagingAccessPoint first = accessPoint(Map.of());
        Producer producer = producer(first);
        for (int i = 0; i < 10; i++) {
            producer.send(producer.createBytesMessage(topic, bytes("r" + i)));
        }
        PullConsumer consumer = consumer(first, "g", topic, Map.of());
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            received.add(receive(consumer));
        }
        ack(consumer, received.get(0));
        // back to r2 (received, not acked): r2 and what follows come again, nothing older
        long r2 = received.get(2).sysHeaders().getLong("QUEUE_OFFSET");
        consumer.attachQueue(topic, new DefaultKeyValue().put("QUEUE_OFFSET", r2));
        assertEquals(r2, storedOffset(topic, "g"), "the group's offset is stored at once");
        received.subList(1, 6).forEach(m -> ack(consumer, m)); // acks of messages from before the seek move nothing
        assertEquals(r2, storedOffset(topic, "g"));
        List<Message> again = new ArrayList<>();
        for (int i = 2; i < 10; i++) {
            Message m = receive(consumer);
            assertEquals("r" + i, text(m));
            again.add(m);
        }
        ack(consumer, again.get(0)); // r2 acked; r3 to r9 not
        // forward to r8: r8 and r9 come again, r3 to r7 never (they count as processed)
        consumer.attachQueue(topic, new DefaultKeyValue().put("QUEUE_OFFSET", again.get(6).sysHeaders().getLong("QUEUE_OFFSET")));
        producer.send(producer.createBytesMessage(topic, bytes("r10")));
        receiveAndAck(consumer, "r", 8, 11);
        first.shutdown();

        PullConsumer restarted = consumer(accessPoint(Map.of()), "g", topic, Map.of());
        assertNull(restarted.receive(timeout(500)), "every message up to r10 counts as processed");
        assertThrows(OMSRuntimeException.class, () -> restarted.attachQueue(topic, new DefaultKeyValue().put("QUEUE_OFFSET", -1L)));
    }

    @Test
    void persistOffsetsStoresTheCommittedOffsetBeforeTheAckReturnsAndTheIntervalStoresItToo() {
        String topic = topic();
        MessagingAccessPoint accessPoint = accessPoint(Map.of());
        Producer producer = producer(accessPoint);
        for (int i = 0; i < 6; i++) {
            producer.send(producer.createBytesMessage(topic, bytes("p" + i)));
        }
        PullConsumer rarely = consumer(accessPoint, "g", topic, Map.of("offset.flush.interval.ms", "3600000"));
        for (int i = 0; i < 2; i++) {
            ack(rarely, receive(rarely));
        }
        Message third = receive(rarely);
        rarely.ack(third.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE),
                new DefaultKeyValue().put("PERSIST_OFFSETS", "true"));
        assertEquals(3, storedOffset(topic, "g"));

        PullConsumer other = consumer(accessPoint, "late", topic, Map.of("offset.flush.interval.ms", "100"));
        for (int i = 0; i < 4; i++) {
            ack(other, receive(other));
        }
        await("group 'late' stored offset 4 by itself", Duration.ofSeconds(10), () -> storedOffset(topic, "late") == 4);
    }

    @Test
    void retentionOptionsAreTheStreamsArguments() throws Exception {
        String topic = topic();
        MessagingAccessPoint accessPoint = accessPoint(Map.of("rabbitmq.stream.max-length-bytes", "5000000",
                "rabbitmq.stream.max-age", "7D", "rabbitmq.stream.segment-bytes", "1000000"));
        Producer producer = producer(accessPoint);
        producer.send(producer.createBytesMessage(topic, bytes("kept")));
        // AMQP cannot read a queue's arguments, but the broker refuses a declaration with other ones and names them
        Map<String, Object> declared = Map.of("x-queue-type", "stream", "x-max-length-bytes", 5_000_000L,
                "x-max-age", "7D", "x-stream-max-segment-size-bytes", 1_000_000L);
        onRawChannel(channel -> channel.queueDeclare(topic, true, false, false, declared));
        for (Map.Entry<String, Object> changed : Map.<String, Object>of("x-max-length-bytes", 6_000_000L, "x-max-age", "8D",
                "x-stream-max-segment-size-bytes", 2_000_000L, "x-queue-type", "classic").entrySet()) {
            Map<String, Object> other = new HashMap<>(declared);
            other.put(changed.getKey(), changed.getValue());
            IOException refused = assertThrows(IOException.class,
                    () -> onRawChannel(channel -> channel.queueDeclare(topic, true, false, false, other)));
            String reason = String.valueOf(refused.getCause());
            assertTrue(reason.contains("PRECONDITION_FAILED") && reason.contains(changed.getKey()), reason);
        }
        assertEquals("up to 5000000 bytes, messages younger than 7D",
                accessPoint.resourceManager().getQueueAttributes(topic).getString("stream.retention"));

        // another access point with another retention uses the existing stream as it is
        MessagingAccessPoint defaults = accessPoint(Map.of());
        PullConsumer consumer = consumer(defaults, "g", topic, Map.of());
        assertEquals("kept", text(receive(consumer)));
    }

    @Test
    void aGroupWhosePositionRetentionRemovedResumesAtTheFirstRetainedMessage() {
        String topic = topic();
        MessagingAccessPoint accessPoint = accessPoint(Map.of("rabbitmq.stream.max-length-bytes", "20000",
                "rabbitmq.stream.segment-bytes", "5000"));
        Producer producer = producer(accessPoint);
        producer.send(producer.createBytesMessage(topic, bytes("x0")));
        PullConsumer consumer = consumer(accessPoint, "g", topic, Map.of());
        Message first = receive(consumer);
        consumer.ack(first.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE), new DefaultKeyValue().put("PERSIST_OFFSETS", "true"));
        consumer.shutdown();
        assertEquals(1, storedOffset(topic, "g"));

        byte[] padding = new byte[500];
        int count = 400; // 200 kB through a stream that keeps about 20 kB
        for (int i = 1; i <= count; i++) {
            byte[] body = ("x" + i + " ").getBytes(StandardCharsets.UTF_8);
            byte[] padded = java.util.Arrays.copyOf(body, body.length + padding.length);
            producer.send(producer.createBytesMessage(topic, padded));
        }
        PullConsumer resumed = consumer(accessPoint, "g", topic, Map.of());
        Message oldest = receive(resumed);
        int firstRetained = index(oldest);
        assertTrue(firstRetained > 1, "x1 .. x" + (firstRetained - 1) + " were removed by retention");
        int expected = firstRetained;
        long previousOffset = -1;
        for (Message m = oldest; m != null; m = resumed.receive(timeout(1_000))) {
            assertEquals(expected++, index(m), "every retained message, in order");
            // offsets increase but are not contiguous: RabbitMQ puts bookkeeping entries into a stream too
            long offset = m.sysHeaders().getLong(AmqpMessageCodec.QUEUE_OFFSET);
            assertTrue(offset > previousOffset);
            previousOffset = offset;
            ack(resumed, m);
        }
        assertEquals(count + 1, expected, "read up to the last message");
    }

    private static int index(Message message) {
        String text = text(message);
        return Integer.parseInt(text.substring(1, text.indexOf(' ')));
    }

    @Test
    void aSecondConsumerOfTheGroupStandsByWhileTheFirstReadsAndTakesOverAtItsCommittedOffset() {
        String topic = topic();
        MessagingAccessPoint here = accessPoint(Map.of());
        MessagingAccessPoint elsewhere = accessPoint(Map.of());
        Producer producer = producer(here);
        for (int i = 0; i < 10; i++) {
            producer.send(producer.createBytesMessage(topic, bytes("s" + i)));
        }
        Map<String, String> fastTakeover = Map.of("rabbitmq.standby.retry.ms", "100");
        PullConsumer reader = consumer(here, "g", topic, fastTakeover);
        PullConsumer sameConnection = consumer(here, "g", topic, fastTakeover);
        PullConsumer otherConnection = consumer(elsewhere, "g", topic, fastTakeover);
        receiveAndAck(reader, "s", 0, 5);
        assertEquals("s5", text(receive(reader))); // received, not acked
        // several standby retries pass while the reader holds the group
        assertNull(sameConnection.receive(timeout(500)));
        assertNull(otherConnection.receive(timeout(500)));

        reader.shutdown();
        PullConsumer successor = firstToReceive(List.of(sameConnection, otherConnection), "s5");
        receiveAndAck(successor, "s", 6, 10);
        PullConsumer stillWaiting = successor == sameConnection ? otherConnection : sameConnection;
        assertNull(stillWaiting.receive(timeout(300)));
    }

    @Test
    void theStandbyTakesOverWhenTheReadersConnectionDies() throws Exception {
        String topic = topic();
        try (BrokerProxy proxy = new BrokerProxy()) {
            MessagingAccessPoint proxied = accessPoint(Map.of(), "guest:guest@127.0.0.1:" + proxy.port());
            MessagingAccessPoint direct = accessPoint(Map.of());
            Producer producer = producer(direct);
            for (int i = 0; i < 4; i++) {
                producer.send(producer.createBytesMessage(topic, bytes("d" + i)));
            }
            Map<String, String> fast = Map.of("rabbitmq.standby.retry.ms", "100", "offset.flush.interval.ms", "100");
            PullConsumer reader = consumer(proxied, "g", topic, fast);
            Message d0 = receive(reader);
            reader.ack(d0.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE), new DefaultKeyValue().put("PERSIST_OFFSETS", "true"));
            PullConsumer standby = consumer(direct, "g", topic, fast);
            assertNull(standby.receive(timeout(300)));
            proxy.down(); // the broker sees the reader's connection close and drops its lock
            PullConsumer successor = firstToReceive(List.of(standby), "d1");
            receiveAndAck(successor, "d", 2, 4);
        }
    }

    @Test
    void aReaderWhoseConnectionCameBackResumesAtItsCommittedOffsetWithoutLoss() throws Exception {
        String topic = topic();
        try (BrokerProxy proxy = new BrokerProxy()) {
            MessagingAccessPoint proxied = accessPoint(Map.of(), "guest:guest@127.0.0.1:" + proxy.port());
            MessagingAccessPoint direct = accessPoint(Map.of());
            Producer producer = producer(direct);
            for (int i = 0; i < 5; i++) {
                producer.send(producer.createBytesMessage(topic, bytes("c" + i)));
            }
            PullConsumer reader = consumer(proxied, "g", topic, Map.of("rabbitmq.standby.retry.ms", "100"));
            receiveAndAck(reader, "c", 0, 3);
            Message unacked = receive(reader);
            assertEquals("c3", text(unacked));
            proxy.down();
            await("the client to try to reconnect", Duration.ofSeconds(30), () -> proxy.refused() >= 1);
            for (int i = 5; i < 8; i++) {
                producer.send(producer.createBytesMessage(topic, bytes("c" + i)));
            }
            proxy.up();
            // what was delivered and not acked before the loss comes again; the ack of its old handle is ignored
            List<String> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!got.contains("c7") && System.nanoTime() < deadline) {
                Message m = reader.receive(timeout(500));
                if (m != null) {
                    got.add(text(m));
                    ack(reader, m);
                }
            }
            ack(reader, unacked);
            assertEquals(List.of("c3", "c4", "c5", "c6", "c7"), got.subList(got.indexOf("c3"), got.size()));
            assertFalse(got.contains("c0") || got.contains("c1") || got.contains("c2"), "acked before the loss: " + got);
        }
    }

    @Test
    void aSendDuringALostConnectionIsPublishedOnceTheConnectionIsBack() throws Exception {
        String topic = topic();
        try (BrokerProxy proxy = new BrokerProxy()) {
            MessagingAccessPoint proxied = accessPoint(Map.of(), "guest:guest@127.0.0.1:" + proxy.port());
            Producer producer = proxied.createProducer(new DefaultKeyValue().put(OMSBuiltinKeys.OPERATION_TIMEOUT, 60_000));
            producer.startup();
            producer.send(producer.createBytesMessage(topic, bytes("before")));
            proxy.down();
            await("the client to try to reconnect", Duration.ofSeconds(30), () -> proxy.refused() >= 1);
            CompletableFuture<SendResult> during = CompletableFuture.supplyAsync(
                    () -> producer.send(producer.createBytesMessage(topic, bytes("during"))));
            await("the driver to retry while the broker is away", Duration.ofSeconds(30), () -> proxy.refused() >= 2);
            assertFalse(during.isDone(), "the send waits for the connection instead of failing: " + during);
            proxy.up();
            assertNotNull(during.get(60, TimeUnit.SECONDS).messageId());
            producer.send(producer.createBytesMessage(topic, bytes("after")));

            PullConsumer consumer = consumer(accessPoint(Map.of()), "g", topic, Map.of());
            List<String> got = new ArrayList<>();
            for (Message m = consumer.receive(timeout(RECEIVE_MS)); m != null; m = consumer.receive(timeout(500))) {
                got.add(text(m));
                ack(consumer, m);
            }
            assertEquals("before", got.get(0));
            assertEquals("after", got.get(got.size() - 1));
            assertTrue(got.contains("during"), got.toString());
            assertTrue(got.stream().allMatch(t -> List.of("before", "during", "after").contains(t)), got.toString());
        }
    }

    private MessagingAccessPoint accessPoint(Map<String, String> options) {
        return accessPoint(options, "guest:guest@" + LocalRabbitMq.HOST + ":" + LocalRabbitMq.PORT);
    }

    private MessagingAccessPoint accessPoint(Map<String, String> options, String accessPoints) {
        KeyValue attributes = LocalRabbitMq.attributes(accessPoints, "default");
        options.forEach(attributes::put);
        MessagingAccessPoint accessPoint = new MessagingAccessPointImpl(attributes);
        accessPoint.startup();
        opened.add(accessPoint);
        return accessPoint;
    }

    private String topic() {
        String topic = "oms-stream-it-" + UUID.randomUUID().toString().substring(0, 8);
        topics.add(topic);
        return topic;
    }

    /** The committed offset stored for the group, -1 when none. */
    private long storedOffset(String topic, String group) {
        try (Channel channel = raw.createChannel()) {
            GetResponse response = channel.basicGet(topic + "." + group + ".offset", false);
            if (response == null) {
                return -1;
            }
            channel.basicReject(response.getEnvelope().getDeliveryTag(), true);
            return Long.parseLong(new String(response.getBody(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("cannot read the offset of group " + group, e);
        }
    }

    private void onRawChannel(ChannelCall call) throws IOException {
        try (Channel channel = raw.createChannel()) {
            call.run(channel);
        } catch (java.util.concurrent.TimeoutException | com.rabbitmq.client.AlreadyClosedException e) {
            // the broker closed it already: the failure was thrown by call
        }
    }

    @FunctionalInterface
    private interface ChannelCall {
        void run(Channel channel) throws IOException;
    }

    private static Producer producer(MessagingAccessPoint accessPoint) {
        Producer producer = accessPoint.createProducer();
        producer.startup();
        return producer;
    }

    private static PullConsumer consumer(MessagingAccessPoint accessPoint, String group, String topic, Map<String, String> options) {
        KeyValue attributes = new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, group);
        options.forEach(attributes::put);
        PullConsumer consumer = accessPoint.createPullConsumer(attributes);
        consumer.attachQueue(topic);
        consumer.startup();
        return consumer;
    }

    /** The one of {@code candidates} that receives {@code expected} first; the others must receive nothing. */
    private static PullConsumer firstToReceive(List<PullConsumer> candidates, String expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (PullConsumer candidate : candidates) {
                Message message = candidate.receive(timeout(50));
                if (message != null) {
                    assertEquals(expected, text(message));
                    ack(candidate, message);
                    return candidate;
                }
            }
        }
        throw new AssertionError("nobody took over and received " + expected);
    }

    private static void await(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.onSpinWait();
            try {
                Thread.sleep(20); // polling an outside condition (the broker): there is nothing to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Receives and acks {@code prefix from .. prefix (to-1)}, in that order. */
    private static void receiveAndAck(PullConsumer consumer, String prefix, int from, int to) {
        for (int i = from; i < to; i++) {
            Message message = receive(consumer);
            assertEquals(prefix + i, text(message));
            ack(consumer, message);
        }
    }

    private static void ack(PullConsumer consumer, Message message) {
        consumer.ack(message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
    }

    private static Message receive(PullConsumer consumer) {
        Message message = consumer.receive(timeout(RECEIVE_MS));
        assertNotNull(message, "no message within " + RECEIVE_MS + " ms");
        return message;
    }

    private static KeyValue timeout(long ms) {
        return new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, ms);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        return new String(message.getBody(byte[].class), StandardCharsets.UTF_8);
    }
}
