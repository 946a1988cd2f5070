package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.connector.api.component.task.sink.SinkTask;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.errors.RetriableException;
import io.openmessaging.omsconnect.convert.QueuePositions;
import io.openmessaging.omsconnect.convert.RecordMessageCodec;
import io.openmessaging.omsconnect.convert.StringRecordConverter;
import io.openmessaging.omsconnect.plugin.PluginHost;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.transform.TransformChain;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The sink task's loop on its own, against a scripted connector task and an in-memory consumer: nothing is
 * acked that the connector did not take and flush (README, Failure semantics). The consumer is called from the
 * task thread ({@code sink-prefetch=false}); the flush interval never comes, so commits happen when the queue
 * is idle and on the way out.
 */
class WorkerSinkTaskTest {
    private static final ConnectorTaskId ID = TaskRun.ID;
    private static final String TOPIC = "a";

    private final TaskRun run = new TaskRun();
    private final FakePullConsumer consumer = new FakePullConsumer();
    private final ScriptedSink sink = new ScriptedSink();

    private void start(int batchSize) {
        ConnectorConfig config = new ConnectorConfig(Map.of(ConnectorConfig.TOPICS, TOPIC,
                WorkerSinkTask.BATCH_SIZE, Integer.toString(batchSize), SinkMessages.PREFETCH, "false"));
        MessagingAccessPoint accessPoint = mock(MessagingAccessPoint.class);
        when(accessPoint.createPullConsumer(any(KeyValue.class))).thenReturn(consumer);
        run.start(new WorkerSinkTask(ID, sink, Map.of(), config, accessPoint, new QueuePositions("test"),
                new RecordMessageCodec(new StringRecordConverter(), new StringRecordConverter()),
                TransformChain.create(config, mock(PluginHost.class)), Long.MAX_VALUE,
                new ErrorPolicy(ID, config, run.metrics, null), run.statuses, run.metrics, false));
    }

    private static List<String> handles(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> TOPIC + "-" + n).toList();
    }

    @Test
    void recordsPutAreAckedOnlyAfterTheFlushThatFollows() throws Exception {
        consumer.offer(TOPIC, 3);
        start(10);

        Await.until("the acks", () -> consumer.acked.size() == 3);
        assertEquals(handles(0, 2), consumer.acked);
        assertEquals(List.of(handles(0, 2)), sink.puts);
        assertEquals(List.of(List.of()), sink.ackedAtFlush, "none acked before the flush");
        run.stopRunningThroughout();
    }

    @Test
    void aRetriablePutPutsTheSameRecordsAgainAndTakesNothingNewMeanwhile() throws Exception {
        consumer.offer(TOPIC, 4);
        sink.putOutcomes.add(new RetriableException("not now"));
        start(2);

        Await.until("the acks", () -> consumer.acked.size() == 4);
        assertEquals(List.of(handles(0, 1), handles(0, 1), handles(2, 3)), sink.puts, "the same batch again, then the next");
        assertEquals(List.of(2, 2, 4), sink.receivedAtPut, "nothing received while the batch waited for its retry");
        assertEquals(handles(0, 3), consumer.acked);
        assertEquals(1, run.metrics.retries.sum());
        run.stopRunningThroughout();
    }

    @Test
    void aFailingPutFailsTheTaskAcksNoneOfItsBatchAndAcksWhatEarlierPutsTook() throws Exception {
        consumer.offer(TOPIC, 4);
        sink.putOutcomes.add(ScriptedSink.OK);
        sink.putOutcomes.add(new IllegalStateException("put broke"));
        start(2);

        run.awaitFailedWith("put broke");
        assertEquals(handles(0, 1), consumer.acked, "the first batch, flushed on the way out; none of the failed one");
        assertEquals(List.of(List.of()), sink.ackedAtFlush);
        assertEquals(1, run.metrics.errors.sum());
    }

    @Test
    void aFailedFlushFailsTheTaskAndAcksNothing() throws Exception {
        consumer.offer(TOPIC, 2);
        sink.flushOutcomes.add(new IllegalStateException("flush broke"));
        sink.flushOutcomes.add(new IllegalStateException("flush broke again"));
        start(10);

        run.awaitFailedWith("flush broke");
        assertEquals(2, sink.ackedAtFlush.size(), "flushed once more on the way out");
        assertEquals(List.of(), consumer.acked);
    }

    @Test
    void aRetriableFlushAcksNothingAndIsTriedAgainAtTheNextCommit() throws Exception {
        consumer.offer(TOPIC, 2);
        sink.flushOutcomes.add(new RetriableException("not now"));
        start(10);

        Await.until("the acks", () -> consumer.acked.size() == 2);
        assertEquals(List.of(List.of(), List.of()), sink.ackedAtFlush, "nothing acked at the failed flush");
        assertEquals(List.of(handles(0, 1)), sink.puts, "put once");
        assertEquals(1, run.metrics.retries.sum());
        run.stopRunningThroughout();
    }

    /**
     * A connector task whose puts and flushes the test scripts: each call takes the next outcome, {@link #OK} or
     * an exception to throw; with none scripted it succeeds. It keeps the records of every put (as their
     * messages' handles) and what the consumer had acked at each flush.
     */
    private final class ScriptedSink extends SinkTask {
        static final Object OK = new Object();
        final Queue<Object> putOutcomes = new ConcurrentLinkedQueue<>();
        final Queue<Object> flushOutcomes = new ConcurrentLinkedQueue<>();
        final List<List<String>> puts = new CopyOnWriteArrayList<>();
        /** how many messages the consumer had handed out at each put */
        final List<Integer> receivedAtPut = new CopyOnWriteArrayList<>();
        final List<List<String>> ackedAtFlush = new CopyOnWriteArrayList<>();

        private void next(Queue<Object> outcomes) {
            Object outcome = outcomes.poll();
            if (outcome instanceof RuntimeException e) {
                throw e;
            }
        }

        @Override
        public void put(List<ConnectRecord> records) {
            puts.add(records.stream().map(r -> (String) r.getData()).toList());
            receivedAtPut.add(consumer.received.get());
            next(putOutcomes);
        }

        @Override
        public void flush(Map<RecordPartition, RecordOffset> offsets) {
            ackedAtFlush.add(List.copyOf(consumer.acked));
            next(flushOutcomes);
        }

        @Override
        public void start(KeyValue config) {
        }

        @Override
        public void validate(KeyValue config) {
        }

        @Override
        public void stop() {
        }
    }
}
