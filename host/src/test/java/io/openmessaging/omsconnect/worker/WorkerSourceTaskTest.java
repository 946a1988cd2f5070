package io.openmessaging.omsconnect.worker;

import io.openmessaging.BytesMessage;
import io.openmessaging.KeyValue;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.connector.api.component.task.source.SourceTask;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.data.SchemaBuilder;
import io.openmessaging.connector.api.errors.RetriableException;
import io.openmessaging.omsconnect.convert.RecordMessageCodec;
import io.openmessaging.omsconnect.convert.StringRecordConverter;
import io.openmessaging.omsconnect.convert.TestMessage;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.store.OffsetStore;
import io.openmessaging.omsconnect.transform.TransformChain;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The source task's loop on its own, against a scripted connector task and a driver whose acks the test hands
 * out: what is sent, and that a position is stored only for records the driver acknowledged (README, Failure
 * semantics).
 */
class WorkerSourceTaskTest {
    private static final ConnectorTaskId ID = TaskRun.ID;
    private static final long FLUSH_EVERY_ROUND = 0;
    private static final long FLUSH_ONLY_ON_THE_WAY_OUT = Long.MAX_VALUE;
    private static final RecordPartition PARTITION = new RecordPartition(Map.of("file", "in.txt"));

    private final TaskRun run = new TaskRun();
    private final MemoryOffsetStore positions = new MemoryOffsetStore();
    private final ScriptedSource source = new ScriptedSource();
    /** the driver acknowledges a send once it has a permit */
    private final Semaphore acks = new Semaphore(Integer.MAX_VALUE);
    /** sends the driver was asked for, acknowledged or not */
    private final AtomicInteger sends = new AtomicInteger();
    /** the bodies of the messages the driver acknowledged, in order */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    /** the driver refuses the sends after this many */
    private volatile int refuseAfter = Integer.MAX_VALUE;

    private void start(long flushIntervalMs) {
        ConnectorConfig config = new ConnectorConfig(Map.of(ConnectorConfig.TOPIC, "t",
                SourceMessageSender.SEND_BATCH, "false", SourceMessageSender.SEND_ASYNC, "false"));
        Producer producer = producer();
        MessagingAccessPoint accessPoint = mock(MessagingAccessPoint.class);
        when(accessPoint.createProducer()).thenReturn(producer);
        run.start(new WorkerSourceTask(ID, source, Map.of(), config, accessPoint,
                new RecordMessageCodec(new StringRecordConverter(), new StringRecordConverter()),
                TransformChain.create(config, mock(PluginHost.class)), positions, new SendMetadata("test"),
                flushIntervalMs, new ErrorPolicy(ID, config, run.metrics, null), run.statuses, run.metrics, false));
    }

    /** A producer that sends one message at a time, each once the test's driver acknowledges it. */
    private Producer producer() {
        Producer producer = mock(Producer.class);
        when(producer.createBytesMessage(anyString(), any())).thenAnswer(call -> new TestMessage(call.getArgument(0), call.getArgument(1)));
        when(producer.send(any())).thenAnswer(call -> {
            int n = sends.incrementAndGet();
            acks.acquire();
            if (n > refuseAfter) {
                throw new IllegalStateException("broker gone");
            }
            sent.add(new String(call.<BytesMessage>getArgument(0).getBody(byte[].class), StandardCharsets.UTF_8));
            return (SendResult) () -> "id-" + n;
        });
        return producer;
    }

    private static List<ConnectRecord> records(int from, int to) {
        List<ConnectRecord> out = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            out.add(new ConnectRecord(PARTITION, offset(n), null, SchemaBuilder.string().build(), "r" + n));
        }
        return out;
    }

    private static RecordOffset offset(int n) {
        return new RecordOffset(Map.of("line", n));
    }

    private Map<RecordPartition, RecordOffset> stored() {
        return positions.positions(ID.connector());
    }

    @Test
    void recordsPolledAreSentAndTheirPositionsStoredOnlyOnceTheDriverAcknowledgedThem() throws Exception {
        acks.drainPermits();
        source.polls.add(records(1, 2));
        start(FLUSH_EVERY_ROUND);
        Await.until("the send of r1", () -> sends.get() == 1);
        Await.until("a round after the send", () -> source.polled.get() >= 2); // the first round flushed

        assertEquals(Map.of(), stored(), "nothing stored while the driver has not acknowledged");
        assertEquals(List.of(), source.committed, "nothing committed to the connector either");

        acks.release(2);
        Await.until("the positions stored", () -> stored().equals(Map.of(PARTITION, offset(2))));
        assertEquals(List.of("r1", "r2"), sent);
        assertEquals(List.of("r1", "r2"), source.committed);
        run.stopRunningThroughout();
    }

    @Test
    void theTaskPollsOnWhileItsPositionsAreStoredAndStartsNoSecondWriteMeanwhile() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        positions.gate = gate; // the store takes its time, as a cluster's log does
        source.polls.add(records(1, 2));
        start(FLUSH_EVERY_ROUND);
        Await.until("the first write asked", () -> positions.writesAsked.get() == 1);
        source.polls.add(records(3, 4));
        int polled = source.polled.get();
        Await.until("more rounds while the write is on its way", () -> source.polled.get() > polled + 3);
        Await.until("the second batch sent", () -> sent.size() == 4);

        assertEquals(1, positions.writesAsked.get(), "a second write started before the first was done");
        assertEquals(0, source.commits.get(), "the connector was told of positions not stored yet");
        assertEquals(Map.of(), stored());

        gate.complete(null);
        Await.until("the later positions stored", () -> stored().equals(Map.of(PARTITION, offset(4))));
        Await.until("the connector told", () -> source.commits.get() >= 1);
        run.stopRunningThroughout();
    }

    @Test
    void aPositionWriteTheStoreRefusesFailsTheTask() throws Exception {
        positions.refuseWith = new OffsetStore.FencedException("task c-0 is held by w2 now");
        source.polls.add(records(1, 2));
        start(FLUSH_EVERY_ROUND);
        Await.until("the task FAILED", () -> run.statuses.task(ID).state() == State.FAILED);
        assertTrue(run.statuses.task(ID).trace().contains("held by w2"), run.statuses.task(ID).trace());
        assertEquals(0, source.commits.get(), "the connector was told of positions the store refused");
    }

    @Test
    void onStopThePositionsOfAcknowledgedRecordsAreStoredBeforeTheConnectorStops() throws Exception {
        source.polls.add(records(1, 3));
        start(FLUSH_ONLY_ON_THE_WAY_OUT);
        Await.until("the records sent", () -> sent.size() == 3);

        run.stop();
        assertEquals(Map.of(PARTITION, offset(3)), source.storedAtStop);
    }

    @Test
    void aBatchTheDriverRefusesFailsTheTaskAndNoneOfItsPositionsIsStored() throws Exception {
        refuseAfter = 2;
        source.polls.add(records(1, 2));
        source.polls.add(records(3, 4));
        start(FLUSH_ONLY_ON_THE_WAY_OUT);

        run.awaitFailedWith("broker gone");
        assertEquals(Map.of(PARTITION, offset(2)), stored(), "the acknowledged batch's positions, not the refused one's");
        assertEquals(List.of("r1", "r2"), source.committed);
    }

    @Test
    void aRetriableExceptionFromPollPollsAgainAndTheTaskStaysRunning() throws Exception {
        source.polls.add(new RetriableException("not now"));
        source.polls.add(records(1, 1));
        start(FLUSH_EVERY_ROUND);

        Await.until("the record after the retry stored", () -> stored().equals(Map.of(PARTITION, offset(1))));
        assertEquals(List.of("r1"), sent);
        assertEquals(1, run.metrics.retries.sum());
        run.stopRunningThroughout();
    }

    @Test
    void anotherExceptionFromPollFailsTheTaskAndStoresThePositionsOfTheBatchInFlightOnceAcknowledged() throws Exception {
        acks.drainPermits();
        run.statuses.addListener(new StatusTracker.Listener() {
            @Override
            public void connectorStatus(String connector, Status status) {
            }

            @Override
            public void taskStatus(ConnectorTaskId id, Status status) {
                if (status.state() == State.FAILED) {
                    acks.release(2); // the driver acknowledges the batch only once the task failed
                }
            }
        });
        source.polls.add(records(1, 2));
        source.polls.add(new IllegalStateException("poll broke"));
        start(FLUSH_ONLY_ON_THE_WAY_OUT);

        run.awaitFailedWith("poll broke");
        assertEquals(Map.of(PARTITION, offset(2)), stored(), "the batch in flight was awaited on the way out");
        assertEquals(Map.of(PARTITION, offset(2)), source.storedAtStop, "and its positions stored before stop");
        assertEquals(List.of("r1", "r2"), source.committed);
    }

    @Test
    void aThrowingCommitCallbackIsCountedAndThePositionsAreStoredAllTheSame() throws Exception {
        source.commitThrows = true;
        source.polls.add(records(1, 2));
        start(FLUSH_EVERY_ROUND);

        Await.until("the positions stored", () -> stored().equals(Map.of(PARTITION, offset(2))));
        Await.until("commit() called after the store", () -> run.metrics.commitErrors.sum() == 3);
        run.stopRunningThroughout();
    }

    /**
     * A connector task whose polls the test scripts: each poll takes the next list of records (or throws the
     * next exception); with nothing scripted it returns none after a few ms.
     */
    private final class ScriptedSource extends SourceTask {
        final BlockingQueue<Object> polls = new LinkedBlockingQueue<>();
        final AtomicInteger polled = new AtomicInteger();
        final List<String> committed = new CopyOnWriteArrayList<>();
        /** calls of commit(): the positions are stored */
        final AtomicInteger commits = new AtomicInteger();
        volatile boolean commitThrows;
        volatile Map<RecordPartition, RecordOffset> storedAtStop;

        @Override
        @SuppressWarnings("unchecked")
        public List<ConnectRecord> poll() throws InterruptedException {
            Object next = polls.poll(5, TimeUnit.MILLISECONDS);
            polled.incrementAndGet();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return next == null ? List.of() : (List<ConnectRecord>) next;
        }

        @Override
        public void commit(ConnectRecord record, Map<String, String> metadata) {
            if (commitThrows) {
                throw new IllegalStateException("commit callback broke");
            }
            committed.add((String) record.getData());
        }

        @Override
        public void commit() {
            commits.incrementAndGet();
            if (commitThrows) {
                throw new IllegalStateException("commit callback broke");
            }
        }

        @Override
        public void start(KeyValue config) {
        }

        @Override
        public void validate(KeyValue config) {
        }

        @Override
        public void stop() {
            storedAtStop = stored();
        }
    }
}
