package io.openmessaging.local;

import static io.openmessaging.local.LocalDriverFixture.bytes;
import static io.openmessaging.local.LocalDriverFixture.consumer;
import static io.openmessaging.local.LocalDriverFixture.drain;
import static io.openmessaging.local.LocalDriverFixture.numbered;
import static io.openmessaging.local.LocalDriverFixture.open;
import static io.openmessaging.local.LocalDriverFixture.sendAll;
import static io.openmessaging.local.LocalDriverFixture.text;
import static io.openmessaging.local.LocalDriverFixture.timeout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openmessaging.BytesMessage;
import io.openmessaging.Future;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerConsumerTest {

    @TempDir
    Path dir;
    private final List<MessagingAccessPoint> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(MessagingAccessPoint::shutdown);
    }

    private MessagingAccessPoint accessPoint(String... options) {
        MessagingAccessPoint accessPoint = open(dir, options);
        opened.add(accessPoint);
        return accessPoint;
    }

    @Test
    void aSentMessageSaysWhereItWentInItsSystemHeaders() throws Exception {
        MessagingAccessPoint mq = accessPoint();
        Producer producer = mq.createProducer();
        Message sync = producer.createBytesMessage("placed", bytes("a"));
        SendResult result = producer.send(sync);
        Message async = producer.createBytesMessage("placed", bytes("b"));
        producer.sendAsync(async).get(5_000);
        BatchMessageSender batch = producer.createBatchMessageSender();
        Message third = producer.createBytesMessage("placed", bytes("c"));
        Message fourth = producer.createBytesMessage("placed", bytes("d"));
        batch.send(third).send(fourth).commit();

        assertEquals(result.messageId(), sync.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID));
        // what a consumer of the queue sees of each: the same id and QUEUE_OFFSET, in order
        PullConsumer consumer = consumer(mq, "g", "placed");
        for (Message message : List.of(sync, async, third, fourth)) {
            Message received = consumer.receive(timeout(5_000));
            assertEquals(message.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID),
                received.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID));
            assertEquals(received.sysHeaders().getLong("QUEUE_OFFSET"), message.sysHeaders().getLong("QUEUE_OFFSET"));
        }
    }

    @Test
    void attachingWithAQueueOffsetMovesTheGroupThere() {
        MessagingAccessPoint mq = accessPoint();
        Producer producer = mq.createProducer();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Message message = producer.createBytesMessage("seekable", bytes("m" + i));
            producer.send(message);
            offsets.add(message.sysHeaders().getLong("QUEUE_OFFSET"));
        }
        PullConsumer consumer = consumer(mq, "g", "seekable");
        for (int i = 0; i < 4; i++) {
            Message m = consumer.receive(timeout(5_000));
            consumer.ack(m.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        }
        // back: m1 and what follows come again
        consumer.attachQueue("seekable", io.openmessaging.OMS.newKeyValue().put("QUEUE_OFFSET", offsets.get(1)));
        assertEquals("m1", text(consumer.receive(timeout(5_000))));
        // forward, past unacked m1: m5 is next, and a new member of the group starts there too
        consumer.attachQueue("seekable", io.openmessaging.OMS.newKeyValue().put("QUEUE_OFFSET", offsets.get(5)));
        assertEquals("m5", text(consumer.receive(timeout(5_000))));
        consumer.shutdown();
        PullConsumer next = consumer(mq, "g", "seekable");
        assertEquals("m5", text(next.receive(timeout(5_000))), "unacked m5 comes again, m1 to m4 do not");

        OMSRuntimeException notARecord = assertThrows(OMSRuntimeException.class, () -> next.attachQueue("seekable",
            io.openmessaging.OMS.newKeyValue().put("QUEUE_OFFSET", offsets.get(2) + 1)));
        assertTrue(notARecord.getMessage().contains("not where a record starts"), notARecord.getMessage());
        assertThrows(OMSRuntimeException.class, () -> next.attachQueue("seekable",
            io.openmessaging.OMS.newKeyValue().put("QUEUE_OFFSET", 1_000_000L)));
    }

    @Test
    void syncAsyncOnewayAndBatchSendsKeepOrderWithinAQueue() {
        MessagingAccessPoint mq = accessPoint();
        Producer producer = mq.createProducer();
        List<Future<SendResult>> futures = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Message message = producer.createBytesMessage("orders", bytes("m" + i));
            switch (i % 4) {
                case 0 -> ids.add(producer.send(message).messageId());
                case 1 -> futures.add(producer.sendAsync(message));
                case 2 -> producer.sendOneway(message);
                default -> {
                    BatchMessageSender batch = producer.createBatchMessageSender();
                    batch.send(message);
                    batch.commit();
                }
            }
        }
        for (Future<SendResult> future : futures) {
            assertNotNull(future.get(5000).messageId());
        }
        assertEquals("orders@0", ids.get(0));

        PullConsumer consumer = consumer(mq, "g", "orders");
        assertEquals(numbered("m", 0, 400), drain(consumer, true));
    }

    @Test
    void receivedMessageCarriesHeadersAndSystemHeaders() {
        MessagingAccessPoint mq = accessPoint();
        Producer producer = mq.createProducer();
        BytesMessage message = producer.createBytesMessage("q", bytes("hello"));
        message.putUserHeaders("k", "v").putUserHeaders("n", 42).putSysHeaders("TRACE_ID", "t-1");
        String id = producer.send(message).messageId();

        Message received = consumer(mq, "g", "q").receive(timeout(2000));
        assertEquals("hello", text(received));
        assertEquals("v", received.userHeaders().getString("k"));
        assertEquals(42, received.userHeaders().getInt("n"));
        assertEquals("t-1", received.sysHeaders().getString("TRACE_ID"));
        assertEquals(id, received.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID));
        assertEquals(id, received.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        assertEquals("q", received.sysHeaders().getString(Message.BuiltinKeys.DESTINATION));
        assertTrue(received.sysHeaders().getLong(Message.BuiltinKeys.BORN_TIMESTAMP) > 0);
    }

    @Test
    void batchRollbackDiscardsAndCommitWritesAll() {
        MessagingAccessPoint mq = accessPoint();
        Producer producer = mq.createProducer();
        BatchMessageSender batch = producer.createBatchMessageSender();
        batch.send(producer.createBytesMessage("q", bytes("dropped")));
        batch.rollback();
        for (int i = 0; i < 3; i++) {
            batch.send(producer.createBytesMessage("q", bytes("b" + i)));
        }
        batch.commit();
        batch.close();
        assertEquals(numbered("b", 0, 3), drain(consumer(mq, "g", "q"), true));
        assertThrows(OMSRuntimeException.class, () -> batch.send(producer.createBytesMessage("q", bytes("x"))));
    }

    @Test
    void unackedMessagesAreRedeliveredAfterConsumerRestart() {
        MessagingAccessPoint mq = accessPoint();
        sendAll(mq.createProducer(), "q", numbered("m", 0, 10));
        PullConsumer first = consumer(mq, "g", "q");
        for (int i = 0; i < 6; i++) {
            Message message = first.receive(timeout(1000));
            if (i != 3) { // everything but m3 is acked: the group's committed offset stops at m3
                first.ack(message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
            }
        }
        first.shutdown();

        PullConsumer second = consumer(mq, "g", "q");
        assertEquals(numbered("m", 3, 10), drain(second, true));
        second.shutdown();

        // and across a restart of the whole store
        mq.shutdown();
        opened.remove(mq);
        MessagingAccessPoint reopened = accessPoint();
        assertNull(consumer(reopened, "g", "q").receive(timeout(100)), "everything was acked");
    }

    @Test
    void committedOffsetsSurviveReopenAndUnackedAreRedelivered() {
        MessagingAccessPoint mq = accessPoint();
        sendAll(mq.createProducer(), "q", numbered("m", 0, 20));
        PullConsumer consumer = consumer(mq, "g", "q");
        for (int i = 0; i < 15; i++) {
            Message message = consumer.receive(timeout(1000));
            if (i < 12) {
                consumer.ack(message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
            }
        }
        mq.shutdown();
        opened.remove(mq);

        MessagingAccessPoint reopened = accessPoint();
        assertEquals(numbered("m", 12, 20), drain(consumer(reopened, "g", "q"), true));
    }

    @Test
    void ackWithPersistOffsetsWritesTheOffsetFileAtOnce() throws Exception {
        MessagingAccessPoint mq = accessPoint("offset.flush.interval.ms=3600000");
        Producer producer = mq.createProducer();
        producer.send(producer.createBytesMessage("q", bytes("a")));
        PullConsumer consumer = consumer(mq, "g", "q");
        Message message = consumer.receive(timeout(1000));
        io.openmessaging.KeyValue persist = new io.openmessaging.internal.DefaultKeyValue();
        persist.put("PERSIST_OFFSETS", "true");
        consumer.ack(message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE), persist);
        String offsets = java.nio.file.Files.readString(dir.resolve("mq/default/consumer-offsets"));
        assertTrue(offsets.startsWith("g q "), offsets);
        assertTrue(!offsets.trim().endsWith(" 0"), offsets);
    }

    @Test
    void everyConsumerGroupGetsEveryMessage() {
        MessagingAccessPoint mq = accessPoint();
        sendAll(mq.createProducer(), "q", numbered("m", 0, 50));
        assertEquals(numbered("m", 0, 50), drain(consumer(mq, "a", "q"), true));
        assertEquals(numbered("m", 0, 50), drain(consumer(mq, "b", "q"), true));
    }

    @Test
    void consumersOfOneGroupShareTheMessages() {
        MessagingAccessPoint mq = accessPoint();
        sendAll(mq.createProducer(), "q", numbered("m", 0, 10));
        PullConsumer one = consumer(mq, "g", "q");
        PullConsumer two = consumer(mq, "g", "q");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(text(one.receive(timeout(1000))));
            all.add(text(two.receive(timeout(1000))));
        }
        assertEquals(numbered("m", 0, 10), all);
    }

    @Test
    void attachedQueuesAreServedRoundRobin() {
        MessagingAccessPoint mq = accessPoint();
        Producer producer = mq.createProducer();
        for (int i = 0; i < 3; i++) {
            producer.send(producer.createBytesMessage("a", bytes("a" + i)));
            producer.send(producer.createBytesMessage("b", bytes("b" + i)));
        }
        List<String> got = drain(consumer(mq, "g", "a", "b"), true);
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), got);
    }

    @Test
    void receiveWaitsForNewDataAndReturnsNullOnTimeout() throws Exception {
        MessagingAccessPoint mq = accessPoint();
        PullConsumer consumer = consumer(mq, "g", "not-yet-created");
        assertNull(consumer.receive(timeout(50)));

        CompletableFuture<Message> waiting = CompletableFuture.supplyAsync(() -> consumer.receive(timeout(10_000)));
        Producer producer = mq.createProducer();
        producer.send(producer.createBytesMessage("not-yet-created", bytes("late")));
        assertEquals("late", text(waiting.get(10, TimeUnit.SECONDS)));
    }

    @Test
    void largeMessagesRoundTrip() {
        MessagingAccessPoint mq = accessPoint("segment.bytes=1048576");
        Producer producer = mq.createProducer();
        byte[] big = new byte[(3 << 20) / 2];
        new Random(7).nextBytes(big);
        producer.send(producer.createBytesMessage("q", big));
        producer.sendAsync(producer.createBytesMessage("q", big)).get(10_000);
        producer.send(producer.createBytesMessage("q", bytes("small")));
        PullConsumer consumer = consumer(mq, "g", "q");
        assertArrayEquals(big, consumer.receive(timeout(2000)).getBody(byte[].class));
        assertArrayEquals(big, consumer.receive(timeout(2000)).getBody(byte[].class));
        assertEquals("small", text(consumer.receive(timeout(2000))));
    }

    @Test
    void concurrentProducersLoseNothingAndKeepEachProducersOrder() throws Exception {
        // small segments and buffers, and some records larger than the buffer: roll-overs and the
        // slow write path race with buffered sync and async sends
        MessagingAccessPoint mq = accessPoint("segment.bytes=8192", "write.buffer.bytes=4096");
        int producers = 4;
        int each = 3000;
        String padding = "x".repeat(6000);
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            done.add(pool.submit(() -> {
                Producer producer = mq.createProducer();
                List<Future<SendResult>> pending = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    Message message = producer.createBytesMessage("q", bytes(id + ":" + i + (i % 50 == 7 ? "|" + padding : "")));
                    switch (i % 3) {
                        case 0 -> producer.send(message);
                        case 1 -> pending.add(producer.sendAsync(message));
                        default -> producer.sendOneway(message);
                    }
                }
                pending.forEach(future -> future.get(10_000));
            }));
        }
        for (java.util.concurrent.Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Map<Integer, Integer> nextOf = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (String body : drain(consumer(mq, "g", "q"), true)) {
            String head = body.contains("|") ? body.substring(0, body.indexOf('|')) : body;
            int producer = Integer.parseInt(head.substring(0, head.indexOf(':')));
            int number = Integer.parseInt(head.substring(head.indexOf(':') + 1));
            assertEquals(nextOf.getOrDefault(producer, 0), number, "order of producer " + producer);
            nextOf.put(producer, number + 1);
            seen.add(head);
        }
        assertEquals(producers * each, seen.size());
    }

    @Test
    void accessPointsOnOneFolderShareTheStore() {
        MessagingAccessPoint one = accessPoint();
        MessagingAccessPoint two = accessPoint();
        Producer producer = one.createProducer();
        producer.send(producer.createBytesMessage("q", bytes("shared")));
        one.shutdown();
        opened.remove(one);
        assertEquals(List.of("shared"), drain(consumer(two, "g", "q"), true));
    }

    @Test
    void shutDownProducersAndConsumersRefuseWork() {
        MessagingAccessPoint mq = accessPoint();
        Producer producer = mq.createProducer();
        PullConsumer consumer = consumer(mq, "g", "q");
        producer.shutdown();
        consumer.shutdown();
        assertThrows(OMSRuntimeException.class, () -> producer.send(producer.createBytesMessage("q", bytes("x"))));
        assertThrows(OMSRuntimeException.class, () -> producer.sendAsync(producer.createBytesMessage("q", bytes("x"))));
        assertThrows(OMSRuntimeException.class, () -> consumer.receive(timeout(10)));
        assertThrows(OMSRuntimeException.class, () -> consumer.ack("q@0"));

        Producer another = mq.createProducer();
        mq.shutdown();
        opened.remove(mq);
        OMSRuntimeException refused = assertThrows(OMSRuntimeException.class, () -> another.send(another.createBytesMessage("q", bytes("x"))));
        assertTrue(refused.getMessage().contains("shut down"), refused.getMessage());
    }

    @Test
    void aPullConsumerNeedsAGroup() {
        MessagingAccessPoint mq = accessPoint();
        OMSRuntimeException e = assertThrows(OMSRuntimeException.class, () -> mq.createPullConsumer());
        assertTrue(e.getMessage().contains("CONSUMER_ID"));
    }

    @Test
    void implementsTheNamingRuleAndVersion() {
        MessagingAccessPoint mq = accessPoint();
        assertEquals("0.3.1-alpha", mq.implVersion());
        assertEquals("io.openmessaging.local.MessagingAccessPointImpl", mq.getClass().getName());
    }
}
