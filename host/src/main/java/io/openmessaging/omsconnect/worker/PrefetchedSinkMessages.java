package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sink task's consumer driven by a fetch thread of its own ("task-&lt;connector&gt;-&lt;task&gt;-fetch"),
 * which receives the next batches while the task converts and writes the last one, as a Kafka consumer
 * fetches in the background: the driver's reading and decoding no longer wait for the connector's writing,
 * nor the other way round. The fetch thread is the only one to call the consumer while it runs (OMS promises
 * nothing of a consumer used from two threads): acks, detaches and attaches are handed to it and run
 * before its next receive, at most {@value #FETCH_WAIT_MS} ms later. At most {@value #BATCHES_AHEAD}
 * batches wait for the task, so a slow connector holds back the driver and memory stays bounded.
 *
 * <p>Nothing is lost: a fetched message is acked only after the task got it and committed it; one fetched
 * and never delivered (the task stopped) is not acked, so the driver delivers it again. A paused topic's
 * messages fetched before the driver stopped sending them are kept, in order, and delivered on resume.
 */
final class PrefetchedSinkMessages implements SinkMessages {
    private static final Logger log = LoggerFactory.getLogger(PrefetchedSinkMessages.class);
    /** The longest a fetch waits in one receive: bounds how late an ack, pause or stop reaches the driver. */
    static final long FETCH_WAIT_MS = 20;
    /**
     * The wait while fetched messages are not acked yet: a broker may hold back more (RabbitMQ's prefetch
     * window) until acks come, and those come from the task any moment, through this thread.
     */
    static final long FETCH_WAIT_ACKS_DUE_MS = 2;
    static final int BATCHES_AHEAD = 2;

    private final ConnectorTaskId id;
    private final PullConsumer consumer;
    private final int batchSize;
    private final BlockingQueue<Fetched> ahead = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    /** Calls to make on the consumer from the fetch thread: acks, detaches, attaches, in the task's order. */
    private final ConcurrentLinkedQueue<Runnable> requests = new ConcurrentLinkedQueue<>();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final Thread fetchThread;
    /** Messages fetched and not acked yet; the fetch thread's alone (it receives and runs the acks). */
    private long unacked;
    /** Seeks the fetch thread made; its alone. A batch carries the count of those made before it was received. */
    private long seeksMade;
    private volatile boolean closing;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Throwable failure;
    private volatile boolean resumed;
    // task thread only
    private List<Message> current = List.of();
    private long currentSeeksMade;
    private int nextInCurrent;
    private long seeksAsked;
    /** the seeks asked, by their number: messages of their queues from batches received before them are stale */
    private final Map<QueueSeek, Long> seeked = new HashMap<>();
    private final Deque<Message> replay = new ArrayDeque<>();
    private final Map<String, List<Message>> held = new HashMap<>();

    private PrefetchedSinkMessages(ConnectorTaskId id, PullConsumer consumer, int batchSize) {
        this.id = id;
        this.consumer = consumer;
        this.batchSize = batchSize;
        this.fetchThread = new Thread(this::fetch, "task-" + id.connector() + "-" + id.task() + "-fetch");
        fetchThread.setDaemon(true);
    }

    /** Starts fetching from {@code consumer}, which is started and attached to the task's topics. */
    static PrefetchedSinkMessages start(ConnectorTaskId id, PullConsumer consumer, int batchSize) {
        PrefetchedSinkMessages messages = new PrefetchedSinkMessages(id, consumer, batchSize);
        // the fetch thread inherits the task thread's context loader, the connector plugin's
        messages.fetchThread.start();
        return messages;
    }

    private void fetch() {
        KeyValue firstWait = new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, FETCH_WAIT_MS);
        KeyValue acksDueWait = new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, FETCH_WAIT_ACKS_DUE_MS);
        KeyValue nextWait = new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, 1);
        try {
            while (!closing) {
                runRequests();
                List<Message> batch = new ArrayList<>(Math.min(batchSize, 1024));
                RuntimeException failed = null;
                try {
                    Message message = consumer.receive(unacked > 0 ? acksDueWait : firstWait);
                    while (message != null) {
                        batch.add(message);
                        if (batch.size() >= batchSize || closing) {
                            break;
                        }
                        message = consumer.receive(nextWait);
                    }
                } catch (RuntimeException e) {
                    failed = e; // what came before the failure still reaches the task
                }
                if (!batch.isEmpty()) {
                    unacked += batch.size();
                    handOver(new Fetched(batch, seeksMade));
                }
                if (failed != null) {
                    throw failed;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure = e;
            log.warn("Task {}: fetching messages failed: {}", id, e.toString());
        }
    }

    /** Waits for room ahead of the task, acking and pausing meanwhile: a slow task must not hold back its acks. */
    private void handOver(Fetched batch) throws InterruptedException {
        while (!closing) {
            if (ahead.offer(batch, FETCH_WAIT_MS, TimeUnit.MILLISECONDS)) {
                return;
            }
            runRequests();
        }
    }

    private void runRequests() {
        for (Runnable request = requests.poll(); request != null; request = requests.poll()) {
            request.run();
        }
    }

    @Override
    public Message next(long timeoutMs) throws InterruptedException {
        if (resumed) {
            replayResumed();
        }
        while (true) {
            Message message = replay.pollFirst();
            if (message == null) {
                message = nextFetched(timeoutMs);
                if (message == null) {
                    return null;
                }
            }
            if (!paused.isEmpty()) {
                String topic = message.sysHeaders().getString(Message.BuiltinKeys.DESTINATION);
                if (topic != null && paused.contains(topic)) {
                    held.computeIfAbsent(topic, t -> new ArrayList<>()).add(message);
                    continue;
                }
            }
            return message;
        }
    }

    /** The next fetched message that no seek made stale, waiting up to {@code timeoutMs} when none is. */
    private Message nextFetched(long timeoutMs) throws InterruptedException {
        while (true) {
            Message message = nextOfBatches(timeoutMs);
            if (message == null || seeked.isEmpty() || !staleBySeek(message)) {
                return message;
            }
            forgotten(1); // never to be acked: the driver forgot it at the seek
        }
    }

    private boolean staleBySeek(Message message) {
        if (currentSeeksMade >= seeksAsked) {
            seeked.clear(); // every seek was made before this batch was received
            return false;
        }
        for (Map.Entry<QueueSeek, Long> seek : seeked.entrySet()) {
            if (currentSeeksMade < seek.getValue() && seek.getKey().covers(message)) {
                return true;
            }
        }
        return false;
    }

    /** The next fetched message, waiting up to {@code timeoutMs} when none is; the clock is read only then. */
    private Message nextOfBatches(long timeoutMs) throws InterruptedException {
        if (nextInCurrent < current.size()) {
            return current.get(nextInCurrent++);
        }
        Fetched batch = ahead.poll();
        if (batch == null) {
            Throwable failed = failure;
            if (failed != null) {
                throw new ConnectException("task " + id + ": fetching messages failed: " + failed, failed);
            }
            batch = timeoutMs > 0 ? ahead.poll(timeoutMs, TimeUnit.MILLISECONDS) : null;
            if (batch == null) {
                return null;
            }
        }
        current = batch.messages();
        currentSeeksMade = batch.seeksMade();
        nextInCurrent = 1;
        return current.get(0);
    }

    /** A batch as the fetch thread received it, after {@code seeksMade} seeks. */
    private record Fetched(List<Message> messages, long seeksMade) {
    }

    /** Messages held for topics resumed since go first: they are older than anything still to come. */
    private void replayResumed() {
        resumed = false;
        for (Iterator<Map.Entry<String, List<Message>>> it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<Message>> topic = it.next();
            if (!paused.contains(topic.getKey())) {
                replay.addAll(topic.getValue());
                it.remove();
            }
        }
    }

    @Override
    public void ack(List<String> handles) {
        requests.add(() -> {
            for (String handle : handles) {
                consumer.ack(handle);
            }
            unacked -= handles.size();
        });
    }

    @Override
    public void pause(String topic) {
        if (paused.add(topic)) {
            requests.add(() -> consumer.detachQueue(topic));
        }
    }

    @Override
    public void resume(String topic) {
        if (paused.remove(topic)) {
            requests.add(() -> consumer.attachQueue(topic));
            resumed = true;
        }
    }

    /**
     * Asks the fetch thread to seek and waits for it (a seek is rare; the fetch thread makes it within
     * {@value #FETCH_WAIT_MS} ms). Once made, messages of the topic fetched before it are dropped: those held
     * here now, and those of batches received before it, as they come.
     */
    @Override
    public void seek(QueueSeek seek) {
        CompletableFuture<Void> made = new CompletableFuture<>();
        requests.add(() -> {
            try {
                consumer.attachQueue(seek.topic(), seek.attributes());
                seeksMade++;
                made.complete(null);
            } catch (RuntimeException e) {
                made.completeExceptionally(e);
            }
        });
        try {
            while (!made.isDone()) {
                if (!fetchThread.isAlive()) {
                    throw new ConnectException("task " + id + ": fetching messages stopped before seeking " + seek.topic(), failure);
                }
                try {
                    made.get(FETCH_WAIT_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    // the fetch thread is in a receive: it makes the seek right after
                }
            }
            made.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("task " + id + ": interrupted while seeking " + seek.topic(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new ConnectException(e.getCause().toString(), e.getCause());
        }
        seeksAsked++;
        seeked.put(seek, seeksAsked);
        int dropped = dropHeld(seek);
        if (dropped > 0) {
            forgotten(dropped);
        }
    }

    /** Messages fetched that will never be acked (a seek made the driver forget them): no longer awaited. */
    private void forgotten(int count) {
        requests.add(() -> unacked -= count);
    }

    /** Drops the messages of the seek's queue held for a pause or a replay; returns how many. */
    private int dropHeld(QueueSeek seek) {
        List<Message> paused = held.get(seek.topic());
        return (paused == null ? 0 : dropFrom(paused, seek)) + dropFrom(replay, seek);
    }

    private static int dropFrom(java.util.Collection<Message> messages, QueueSeek seek) {
        int before = messages.size();
        messages.removeIf(seek::covers);
        return before - messages.size();
    }

    /** Waits for the fetch thread to end, an interrupt notwithstanding (kept for the caller). */
    private void awaitFetchThread(long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        boolean interrupted = false;
        while (fetchThread.isAlive() && System.currentTimeMillis() < deadline) {
            try {
                fetchThread.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the fetch thread, then, on the calling thread (the consumer's only user from then on), makes the
     * calls handed over since (the last acks) and shuts the consumer down.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // an abandoned task's messages are closed by the worker, then maybe by the task's own thread
        }
        closing = true;
        awaitFetchThread(TimeUnit.SECONDS.toMillis(30));
        try {
            if (fetchThread.isAlive()) {
                // a receive that ignores its timeout: the consumer is still in use there, acks would race it
                log.warn("Task {}: fetch thread did not stop within 30 s; {} pending ack batches not sent, the driver delivers them again",
                        id, requests.size());
            } else {
                runRequests();
            }
        } finally {
            consumer.shutdown();
        }
    }
}
