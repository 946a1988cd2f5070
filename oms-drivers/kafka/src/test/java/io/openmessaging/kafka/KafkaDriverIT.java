package io.openmessaging.kafka;

import io.openmessaging.BytesMessage;
import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.ResourceManager;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.exception.OMSResourceNotExistException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.kafka.consumer.KafkaPullConsumer;
import io.openmessaging.kafka.message.RecordCodec;
import io.openmessaging.kafka.testbroker.SharedKafka;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver against a real single-node KRaft broker started in this JVM ({@link SharedKafka}), created as the
 * host creates it (the class the OMS naming rule names, its (KeyValue) constructor). Every test works on topics
 * and groups of its own.
 */
@ExtendWith(SharedKafka.class)
class KafkaDriverIT {
    /** Bounds a wait for messages: a new group's first join takes a moment; never reached when things work. */
    private static final long RECEIVE_DEADLINE_MS = 20_000;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private MessagingAccessPoint accessPoint;
    private Admin admin;
    private final List<Runnable> cleanup = new ArrayList<>();

    @BeforeEach
    void connect() {
        accessPoint = accessPoint(Map.of());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()));
    }

    @AfterEach
    void close() {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).run();
        }
        accessPoint.shutdown();
        admin.close();
    }

    @Test
    void syncSendsArriveInOrderAndTellWhereTheyWent() {
        String topic = topic();
        PullConsumer consumer = consumer("order", topic);
        Producer producer = producer(accessPoint);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            BytesMessage message = producer.createBytesMessage(topic, bytes("m" + i));
            SendResult result = producer.send(message);
            KeyValue sys = message.sysHeaders();
            assertEquals(i, sys.getLong(RecordCodec.QUEUE_OFFSET));
            assertEquals("0", sys.getString(RecordCodec.QUEUE_ID));
            assertEquals("kafka", sys.getString(RecordCodec.BROKER_NAME));
            assertEquals(result.messageId(), sys.getString(Message.BuiltinKeys.MESSAGE_ID));
            ids.add(result.messageId());
        }
        for (int i = 0; i < 50; i++) {
            Message received = receive(consumer);
            KeyValue sys = received.sysHeaders();
            assertEquals("m" + i, text(received));
            assertEquals(ids.get(i), sys.getString(Message.BuiltinKeys.MESSAGE_ID));
            assertEquals(topic, sys.getString(Message.BuiltinKeys.DESTINATION));
            assertEquals(i, sys.getLong(RecordCodec.QUEUE_OFFSET));
            assertEquals("0", sys.getString(RecordCodec.QUEUE_ID));
            assertTrue(sys.getLong(Message.BuiltinKeys.BORN_TIMESTAMP) > 0);
            consumer.ack(sys.getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        }
        assertNull(consumer.receive(timeout(200)));
    }

    @Test
    void userHeadersAndTheRecordKeyTravelAsKafkaHeadersAndKey() throws Exception {
        String topic = topic();
        accessPoint.resourceManager().createQueue(topic, new DefaultKeyValue().put("partitions", 3));
        Producer producer = producer(accessPoint);
        byte[] key = bytes("customer-42");
        String encodedKey = Base64.getEncoder().encodeToString(key);
        Set<String> partitions = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            BytesMessage message = producer.createBytesMessage(topic, bytes("k" + i));
            message.putUserHeaders(RecordCodec.KEY_HEADER, encodedKey);
            message.putUserHeaders("count", 42);
            message.putSysHeaders(Message.BuiltinKeys.TRACE_ID, "trace-1");
            producer.send(message);
            partitions.add(message.sysHeaders().getString(RecordCodec.QUEUE_ID));
        }
        // Kafka's own partitioner chose the partition by the key: one partition for all five
        assertEquals(Set.of(Integer.toString(Utils.toPositive(Utils.murmur2(key)) % 3)), partitions);

        // as any Kafka client sees them
        List<ConsumerRecord<byte[], byte[]>> records = readWithKafkaClient(topic, 5);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            assertArrayEquals(key, record.key());
            assertEquals("42", new String(record.headers().lastHeader("count").value(), StandardCharsets.UTF_8));
            assertEquals("trace-1", new String(record.headers().lastHeader("oms.sys.TRACE_ID").value(), StandardCharsets.UTF_8));
            assertNull(record.headers().lastHeader(RecordCodec.KEY_HEADER), "the key travels as the key only");
            assertNull(record.headers().lastHeader("oms.sys." + Message.BuiltinKeys.DESTINATION), "per-send headers stay home");
        }

        // and back through the driver
        PullConsumer consumer = consumer("headers", topic);
        for (int i = 0; i < 5; i++) {
            Message received = receive(consumer);
            assertEquals("k" + i, text(received));
            assertEquals(encodedKey, received.userHeaders().getString(RecordCodec.KEY_HEADER));
            assertEquals(42, received.userHeaders().getInt("count"));
            assertEquals("trace-1", received.sysHeaders().getString(Message.BuiltinKeys.TRACE_ID));
            assertFalse(received.userHeaders().containsKey("oms.sys.TRACE_ID"));
        }
    }

    @Test
    void recordsOfOtherProducersArriveWithTheirHeadersKeyAndTombstones() {
        String topic = topic();
        try (KafkaProducer<byte[], byte[]> kafka = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            kafka.send(new ProducerRecord<>(topic, null, 1234L, bytes("k1"), bytes("v1"),
                    List.of(new RecordHeader("source", bytes("crm"))))).get(10, TimeUnit.SECONDS);
            kafka.send(new ProducerRecord<>(topic, bytes("k1"), null)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        PullConsumer consumer = consumer("foreign", topic);
        Message first = receive(consumer);
        assertEquals("v1", text(first));
        assertEquals("crm", first.userHeaders().getString("source"));
        assertEquals(Base64.getEncoder().encodeToString(bytes("k1")), first.userHeaders().getString(RecordCodec.KEY_HEADER));
        assertEquals(1234L, first.sysHeaders().getLong(Message.BuiltinKeys.BORN_TIMESTAMP));
        Message tombstone = receive(consumer);
        assertNull(tombstone.getBody(byte[].class), "a record without a value is a message without a body");
        assertEquals(Base64.getEncoder().encodeToString(bytes("k1")), tombstone.userHeaders().getString(RecordCodec.KEY_HEADER));
    }

    @Test
    void asyncSendsCompleteTheirFuturesAndListenersOnceStored() throws Exception {
        String topic = topic();
        Producer producer = producer(accessPoint);
        int count = 300;
        CountDownLatch listened = new CountDownLatch(count);
        AtomicInteger withoutOffset = new AtomicInteger();
        List<Future<SendResult>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BytesMessage message = producer.createBytesMessage(topic, bytes("a" + i));
            Future<SendResult> future = producer.sendAsync(message);
            future.addListener(done -> {
                if (!message.sysHeaders().containsKey(RecordCodec.QUEUE_OFFSET)) {
                    withoutOffset.incrementAndGet();
                }
                if (done.getThrowable() == null) {
                    listened.countDown();
                }
            });
            futures.add(future);
        }
        Set<String> ids = new HashSet<>();
        for (Future<SendResult> future : futures) {
            ids.add(future.get(10_000).messageId());
        }
        assertEquals(count, ids.size());
        assertTrue(listened.await(10, TimeUnit.SECONDS));
        assertEquals(0, withoutOffset.get(), "a listener ran before the message's position was written");
        receiveAndAck(consumer("async", topic), "a", count);
    }

    @Test
    void batchCommitSendsEverythingAndRollbackDiscards() {
        String topic = topic();
        Producer producer = producer(accessPoint);
        BatchMessageSender batch = producer.createBatchMessageSender();
        batch.send(producer.createBytesMessage(topic, bytes("discarded")));
        batch.rollback();
        List<BytesMessage> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            BytesMessage message = producer.createBytesMessage(topic, bytes("b" + i));
            sent.add(message);
            batch.send(message);
        }
        batch.commit();
        batch.close();
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(i, sent.get(i).sysHeaders().getLong(RecordCodec.QUEUE_OFFSET));
        }
        PullConsumer consumer = consumer("batch", topic);
        receiveAndAck(consumer, "b", 300);
        assertNull(consumer.receive(timeout(200)));
        assertThrows(OMSRuntimeException.class, () -> batch.send(producer.createBytesMessage(topic, bytes("late"))));
    }

    @Test
    void aRestartedGroupResumesAfterItsLastCommitWithNothingLost() {
        String topic = topic();
        Producer producer = producer(accessPoint);
        send(producer, topic, "r", 10);
        PullConsumer first = consumer("restart", topic);
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            received.add(receive(first));
        }
        for (int i : new int[] {0, 1, 2, 3, 5, 6}) { // 4 is never acked: 5 and 6 are held behind it
            first.ack(handle(received.get(i)));
        }
        first.shutdown();

        PullConsumer second = consumer("restart", topic);
        receiveAndAck(second, "r", 4, 10);
        second.shutdown();

        producer.send(producer.createBytesMessage(topic, bytes("r10")));
        PullConsumer third = consumer("restart", topic);
        assertEquals("r10", text(receive(third)), "every message before was acked and committed");
    }

    /**
     * shutdown() from another thread while a receive waits in Kafka's poll: the receive returns (or, had it not
     * begun, the commit that shutdown() makes meets the wakeup meant for it and is made again), the acked
     * messages are committed, and nothing waits out the receive's timeout.
     */
    @Test
    void shutdownWakesAWaitingReceiveAndStillCommits() throws Exception {
        String topic = topic();
        Producer producer = producer(accessPoint);
        send(producer, topic, "w", 3);
        PullConsumer consumer = consumer("wakeup", topic);
        receiveAndAck(consumer, "w", 3);
        CountDownLatch receiving = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            receiving.countDown();
            try {
                consumer.receive(timeout(30_000));
            } catch (OMSRuntimeException shutDownFirst) {
                // shutdown() came before the receive: as good
            }
        }, "waiting-receive");
        waiter.start();
        receiving.await();
        long start = System.nanoTime();
        consumer.shutdown();
        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "the receive still waits");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "shutdown waited out the receive");

        producer.send(producer.createBytesMessage(topic, bytes("w3")));
        assertEquals("w3", text(receive(consumer("wakeup", topic))), "the acks were committed at shutdown");
    }

    @Test
    void outOfOrderAcksCommitOnlyUpToTheFirstMessageNotAcked() throws Exception {
        String topic = topic();
        Producer producer = producer(accessPoint);
        send(producer, topic, "o", 5);
        String group = "out-of-order";
        PullConsumer consumer = consumer(group, topic);
        List<String> handles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            handles.add(handle(receive(consumer)));
        }
        KeyValue persist = new DefaultKeyValue().put(KafkaPullConsumer.PERSIST_OFFSETS, "true");
        consumer.ack(handles.get(4), persist);
        consumer.ack(handles.get(2), persist);
        assertEquals(0, committed(group, topic));
        consumer.ack(handles.get(0), persist);
        assertEquals(1, committed(group, topic));
        consumer.ack(handles.get(1), persist);
        assertEquals(3, committed(group, topic), "2 was held until 1 came");
        consumer.ack(handles.get(3), persist);
        assertEquals(5, committed(group, topic));
        assertThrows(OMSRuntimeException.class, () -> consumer.ack(handles.get(3)), "acked twice");
        assertThrows(OMSRuntimeException.class, () -> consumer.ack("garbage"));
    }

    @Test
    void everyGroupGetsEveryMessage() {
        String topic = topic();
        PullConsumer one = consumer("one", topic);
        PullConsumer two = consumer("two", topic);
        Producer producer = producer(accessPoint);
        send(producer, topic, "g", 20);
        receiveAndAck(one, "g", 20);
        receiveAndAck(two, "g", 20);
    }

    /**
     * Two members of one group share a topic's partitions; the partitions a member gives up in a rebalance are
     * committed as far as it acked, so the member that takes them over goes on from there; when one member leaves,
     * the other reads everything.
     */
    @Test
    void membersOfOneGroupShareItsPartitionsAndHandThemOverAtTheirCommit() throws Exception {
        String topic = topic();
        MessagingAccessPoint quickGroups = accessPoint(Map.of("heartbeat.interval.ms", "200"));
        cleanup.add(quickGroups::shutdown);
        quickGroups.resourceManager().createQueue(topic, new DefaultKeyValue().put("partitions", 2));
        Producer producer = producer(accessPoint);
        PullConsumer a = consumer(quickGroups, "shared", topic);
        PullConsumer b = consumer(quickGroups, "shared", topic);
        // a message or two a round, each member receiving in turn, until both got some (the group gave each
        // member a partition: the first to join had both, and gave one up in a rebalance), then until all came
        List<String> sent = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Set<String> byA = new HashSet<>();
        Set<String> byB = new HashSet<>();
        long deadline = System.currentTimeMillis() + RECEIVE_DEADLINE_MS;
        while (byA.isEmpty() || byB.isEmpty() || !seen.keySet().containsAll(sent)) {
            assertTrue(System.currentTimeMillis() < deadline, "after " + sent.size() + " messages, one member got "
                    + byA.size() + " and the other " + byB.size());
            if (byA.isEmpty() || byB.isEmpty()) {
                sent.addAll(sendKeyed(producer, topic, "s", sent.size(), sent.size() + 2));
            }
            for (PullConsumer member : List.of(a, b)) {
                Message message = member.receive(timeout(100));
                if (message != null) {
                    seen.merge(text(message), 1, Integer::sum);
                    (member == a ? byA : byB).add(text(message));
                    member.ack(handle(message));
                }
            }
        }
        assertEquals(Set.copyOf(sent), seen.keySet());
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "a message acked before its partition moved came again: " + seen);
        System.out.println("of " + sent.size() + " messages, " + byA.size() + " went to one member and " + byB.size() + " to the other");

        a.shutdown();
        List<String> more = sendKeyed(producer, topic, "t", 0, 20);
        Set<String> rest = new HashSet<>();
        while (!rest.containsAll(more)) {
            Message message = receive(b);
            rest.add(text(message));
            b.ack(handle(message));
        }
    }

    @Test
    void attachWithQueueOffsetSeeksAndCommitsThere() throws Exception {
        String topic = topic();
        Producer producer = producer(accessPoint);
        send(producer, topic, "s", 10);
        PullConsumer consumer = consumer("seek", topic);
        receiveAndAck(consumer, "s", 10);
        consumer.attachQueue(topic, new DefaultKeyValue().put(RecordCodec.QUEUE_OFFSET, 3));
        assertEquals(3, committed("seek", topic), "the group's position is the seek's at once");
        receiveAndAck(consumer, "s", 3, 10);

        // asked before the consumer started (its partition not assigned yet): made when it is
        PullConsumer late = accessPoint.createPullConsumer(new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, "seek-late"));
        cleanup.add(late::shutdown);
        late.attachQueue(topic, new DefaultKeyValue().put(RecordCodec.QUEUE_OFFSET, 7));
        late.startup();
        receiveAndAck(late, "s", 7, 10);

        // a consumer that seeks and shuts down without receiving (the worker moving a stopped sink's group):
        // its seek is committed for the group as it leaves
        consumer.shutdown();
        PullConsumer mover = consumer("seek", topic);
        mover.attachQueue(topic, new DefaultKeyValue().put(RecordCodec.QUEUE_OFFSET, 5));
        mover.shutdown();
        assertEquals(5, committed("seek", topic));
        receiveAndAck(consumer("seek", topic), "s", 5, 10);
    }

    @Test
    void aSeekOnATopicOfSeveralPartitionsNeedsTheQueueIdOrIsToItsStart() throws Exception {
        String topic = topic();
        accessPoint.resourceManager().createQueue(topic, new DefaultKeyValue().put("partitions", 3));
        Producer producer = producer(accessPoint);
        List<String> sent = sendKeyed(producer, topic, "p", 0, 30);
        PullConsumer consumer = consumer("seek-partition", topic);
        Map<String, List<String>> byPartition = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            Message message = receive(consumer);
            byPartition.computeIfAbsent(message.sysHeaders().getString(RecordCodec.QUEUE_ID), p -> new ArrayList<>()).add(text(message));
            consumer.ack(handle(message));
        }
        OMSRuntimeException refused = assertThrows(OMSRuntimeException.class,
                () -> consumer.attachQueue(topic, new DefaultKeyValue().put(RecordCodec.QUEUE_OFFSET, 1)));
        assertTrue(refused.getMessage().contains(RecordCodec.QUEUE_ID), refused.getMessage());

        String partition = byPartition.keySet().iterator().next();
        consumer.attachQueue(topic, new DefaultKeyValue().put(RecordCodec.QUEUE_OFFSET, 1).put(RecordCodec.QUEUE_ID, partition));
        List<String> again = new ArrayList<>();
        for (int i = 1; i < byPartition.get(partition).size(); i++) {
            Message message = receive(consumer);
            assertEquals(partition, message.sysHeaders().getString(RecordCodec.QUEUE_ID));
            again.add(text(message));
            consumer.ack(handle(message));
        }
        List<String> expected = byPartition.get(partition);
        assertEquals(expected.subList(1, expected.size()), again);
        assertNull(consumer.receive(timeout(200)));

        // offset 0 naming no partition: the whole topic from its start
        consumer.attachQueue(topic, new DefaultKeyValue().put(RecordCodec.QUEUE_OFFSET, 0));
        List<String> all = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            Message message = receive(consumer);
            all.add(text(message));
            consumer.ack(handle(message));
        }
        assertEquals(new java.util.TreeSet<>(sent), new java.util.TreeSet<>(all));
        assertNull(consumer.receive(timeout(200)));
    }

    @Test
    void resourceManagerCreatesDescribesChangesListsAndDeletesTopics() throws Exception {
        String topic = topic();
        ResourceManager resources = accessPoint.resourceManager();
        KeyValue attributes = new DefaultKeyValue().put("partitions", 2).put("cleanup.policy", "compact")
                .put(OMSBuiltinKeys.CONSUMER_ID, "g");
        resources.createQueue(topic, attributes);
        resources.createQueue(topic, attributes); // exists already: left as it is
        assertTrue(resources.listQueues("default").contains(topic));
        assertTrue(resources.listQueues(null).contains(topic));
        KeyValue described = resources.getQueueAttributes(topic);
        assertEquals(2, described.getInt("partitions"));
        assertEquals(1, described.getInt("replication.factor"));
        assertEquals("compact", described.getString("cleanup.policy"));

        resources.setQueueAttributes(topic, new DefaultKeyValue().put("partitions", 3).put("retention.ms", 60_000));
        KeyValue changed = resources.getQueueAttributes(topic);
        assertEquals(3, changed.getInt("partitions"));
        assertEquals("60000", changed.getString("retention.ms"));

        resources.deleteQueue(topic);
        long deadline = System.currentTimeMillis() + 10_000;
        while (resources.listQueues(null).contains(topic)) {
            assertTrue(System.currentTimeMillis() < deadline, "the deleted topic is still listed");
            Thread.sleep(50);
        }
        assertThrows(OMSResourceNotExistException.class, () -> resources.deleteQueue(topic));
        assertThrows(OMSResourceNotExistException.class, () -> resources.getQueueAttributes(topic));
        assertThrows(OMSResourceNotExistException.class, () -> resources.listQueues("another-namespace"));
        assertThrows(OMSNotSupportedException.class, resources::listNamespaces);
        assertThrows(OMSNotSupportedException.class, () -> resources.createRouting("r", new DefaultKeyValue()));
    }

    @Test
    void aOneMegabyteMessageNeedsALargerMaxRequestSizeFromTheUrl() {
        String topic = topic();
        byte[] body = new byte[1024 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        Producer defaults = producer(accessPoint);
        OMSRuntimeException tooLarge = assertThrows(OMSRuntimeException.class, () -> defaults.send(defaults.createBytesMessage(topic, body)));
        assertTrue(tooLarge.getMessage().contains("RecordTooLargeException"), tooLarge.getMessage());

        MessagingAccessPoint larger = accessPoint(Map.of("max.request.size", "2097152"));
        cleanup.add(larger::shutdown);
        Producer producer = producer(larger);
        producer.send(producer.createBytesMessage(topic, body));
        Message message = receive(consumer("big", topic));
        assertArrayEquals(body, message.getBody(byte[].class));
    }

    @Test
    void anUnknownTopicNeitherHangsNorInventsMessages() {
        PullConsumer consumer = consumer("nothing", topic());
        assertNull(consumer.receive(timeout(500)));
    }

    @Test
    void misuseFailsClearly() {
        OMSRuntimeException noGroup = assertThrows(OMSRuntimeException.class, () -> accessPoint.createPullConsumer(new DefaultKeyValue()));
        assertTrue(noGroup.getMessage().contains("CONSUMER_ID"), noGroup.getMessage());
        assertThrows(OMSNotSupportedException.class, () -> accessPoint.createPushConsumer());
        assertThrows(OMSNotSupportedException.class, () -> accessPoint.createStreamingConsumer());

        String topic = topic();
        Producer producer = producer(accessPoint);
        producer.send(producer.createBytesMessage(topic, bytes("before")));
        producer.shutdown();
        OMSRuntimeException closed = assertThrows(OMSRuntimeException.class,
                () -> producer.send(producer.createBytesMessage(topic, bytes("after"))));
        assertTrue(closed.getMessage().contains("shut down"), closed.getMessage());
        assertThrows(OMSRuntimeException.class, () -> producer.send(new io.openmessaging.kafka.message.KafkaBytesMessage(null, bytes("x"))));

        PullConsumer consumer = consumer("misuse", topic);
        consumer.shutdown();
        assertThrows(OMSRuntimeException.class, () -> consumer.receive(timeout(10)));
    }

    // helpers

    /**
     * {@code kafka.group.instance.prefix}: a consumer that goes without leaving its group (a static member's
     * shutdown does not leave, as a killed worker's consumer cannot) and is made again comes back under the same
     * {@code group.instance.id} and reads on at once; the group does not wait for its session (60 s here, over the
     * receive deadline) to time out.
     */
    @Test
    void aStaticMemberMadeAgainReadsOnWithoutWaitingForItsSession() {
        MessagingAccessPoint ap = accessPoint(Map.of("kafka.group.instance.prefix", "worker-a", "session.timeout.ms", "60000"));
        cleanup.add(ap::shutdown);
        String topic = topic();
        Producer producer = producer(ap);
        producer.send(producer.createBytesMessage(topic, bytes("m0")));
        PullConsumer first = ap.createPullConsumer(new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, "static"));
        first.attachQueue(topic);
        first.startup();
        Message m0 = receive(first);
        assertEquals("m0", text(m0));
        first.ack(m0.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        first.shutdown();

        producer.send(producer.createBytesMessage(topic, bytes("m1")));
        assertEquals("m1", text(receive(consumer(ap, "static", topic))), "read on under the same member id");
    }

    private MessagingAccessPoint accessPoint(Map<String, String> urlKeys) {
        KeyValue attributes = new DefaultKeyValue();
        attributes.put(OMSBuiltinKeys.DRIVER_IMPL, MessagingAccessPointImpl.class.getName());
        attributes.put(OMSBuiltinKeys.ACCESS_POINTS, SharedKafka.bootstrapServers());
        attributes.put(OMSBuiltinKeys.REGION, "default");
        attributes.put("OMS_DRIVER_URL", "oms:kafka://" + SharedKafka.bootstrapServers() + "/default");
        urlKeys.forEach(attributes::put);
        try {
            MessagingAccessPoint created = (MessagingAccessPoint) Class.forName(attributes.getString(OMSBuiltinKeys.DRIVER_IMPL))
                    .getConstructor(KeyValue.class).newInstance(attributes);
            created.startup();
            return created;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static String topic() {
        return "oms-it-" + NAMES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }

    private Producer producer(MessagingAccessPoint from) {
        Producer producer = from.createProducer();
        producer.startup();
        cleanup.add(producer::shutdown);
        return producer;
    }

    private PullConsumer consumer(String group, String topic) {
        return consumer(accessPoint, group, topic);
    }

    private PullConsumer consumer(MessagingAccessPoint from, String group, String topic) {
        PullConsumer consumer = from.createPullConsumer(new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, group));
        consumer.attachQueue(topic);
        consumer.startup();
        cleanup.add(consumer::shutdown);
        return consumer;
    }

    /** Sends {@code prefix0 .. prefix<count - 1>}, in that order. */
    private static void send(Producer producer, String topic, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            producer.send(producer.createBytesMessage(topic, bytes(prefix + i)));
        }
    }

    /** Sends {@code prefix<from> .. prefix<to - 1>}, each keyed by its own text (so they spread over partitions). */
    private static List<String> sendKeyed(Producer producer, String topic, String prefix, int from, int to) {
        List<String> sent = new ArrayList<>();
        for (int i = from; i < to; i++) {
            BytesMessage message = producer.createBytesMessage(topic, bytes(prefix + i));
            message.putUserHeaders(RecordCodec.KEY_HEADER, Base64.getEncoder().encodeToString(bytes(prefix + i)));
            producer.send(message);
            sent.add(prefix + i);
        }
        return sent;
    }

    /** The group's committed offset on partition 0 of the topic, as Kafka's admin client reads it. */
    private long committed(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
        return offset == null ? -1 : offset.offset();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readWithKafkaClient(String topic, int count) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG, "raw-" + topic);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            kafka.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + RECEIVE_DEADLINE_MS;
            while (records.size() < count) {
                assertTrue(System.currentTimeMillis() < deadline, "Kafka's client read " + records.size() + " of " + count);
                kafka.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static void receiveAndAck(PullConsumer consumer, String prefix, int count) {
        receiveAndAck(consumer, prefix, 0, count);
    }

    /** Receives and acks {@code prefix<from> .. prefix<to - 1>}, in that order. */
    private static void receiveAndAck(PullConsumer consumer, String prefix, int from, int to) {
        for (int i = from; i < to; i++) {
            Message message = receive(consumer);
            assertEquals(prefix + i, text(message));
            consumer.ack(handle(message));
        }
    }

    private static Message receive(PullConsumer consumer) {
        long deadline = System.currentTimeMillis() + RECEIVE_DEADLINE_MS;
        while (true) {
            Message message = consumer.receive(timeout(500));
            if (message != null) {
                return message;
            }
            assertTrue(System.currentTimeMillis() < deadline, "no message within " + RECEIVE_DEADLINE_MS + " ms");
        }
    }

    private static String handle(Message message) {
        String handle = message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE);
        assertNotNull(handle);
        return handle;
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
