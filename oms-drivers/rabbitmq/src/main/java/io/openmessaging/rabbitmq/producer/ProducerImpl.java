package io.openmessaging.rabbitmq.producer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.openmessaging.BytesMessage;
import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.omsconnect.driversupport.lifecycle.ServiceState;
import io.openmessaging.omsconnect.driversupport.producer.AbstractProducer;
import io.openmessaging.omsconnect.driversupport.producer.BatchDispatcher;
import io.openmessaging.omsconnect.driversupport.producer.CollectingBatchSender;
import io.openmessaging.omsconnect.driversupport.producer.SendListenerThread;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.SendResult;
import io.openmessaging.rabbitmq.connection.BrokerConnection;
import io.openmessaging.rabbitmq.connection.BrokerErrors;
import io.openmessaging.rabbitmq.connection.NamedThreadFactory;
import io.openmessaging.rabbitmq.message.AmqpMessageCodec;
import io.openmessaging.rabbitmq.message.BytesMessageImpl;
import io.openmessaging.rabbitmq.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes persistent messages to the topic's fanout exchange on a channel of its own, in publisher
 * confirm mode: {@link #send} returns when the broker confirmed the message (stored in every bound
 * queue: the topic's stream, or the group queues in the classic layout), {@link #sendAsync} completes
 * its future then, {@link #sendOneway} does not wait.
 *
 * <p>A send is retried, not failed, while the broker may still store it: a message the broker nacked,
 * or whose channel or connection was lost before the confirm (or before it could be published), is
 * published again once the channel is back, with backoff (50 ms doubling to 2 s), until the send's
 * timeout (the call's TIMEOUT, else OPERATION_TIMEOUT, else 10 s); only then does it fail. A message
 * published again may be stored twice (at-least-once), and may pass messages sent after it. Sends that
 * find no queue bound to the exchange (classic layout, no group yet) fail at once (mandatory flag)
 * rather than vanish. The exchange (and stream) is declared on the first send to a topic. Thread-safe; publishes are serialized on the
 * channel, which also keeps one producer's messages in order. Interceptors' {@code postSend} runs when
 * the broker answered, on the producer's callback thread.
 */
public final class ProducerImpl extends AbstractProducer {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerImpl.class);
    /** Default wait for a confirm, when neither the call's TIMEOUT nor the producer's OPERATION_TIMEOUT says. */
    static final long DEFAULT_TIMEOUT_MS = 10_000;
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final KeyValue attributes;
    private final BrokerConnection connection;
    private final Topology topology;
    private final long timeoutMs;
    private final String idPrefix;
    private final AtomicLong sequence = new AtomicLong();
    private static final long FIRST_RETRY_MS = 50;
    private static final long MAX_RETRY_MS = 2_000;
    private final ConfirmTracker tracker = new ConfirmTracker(this::channelLost, this::retryLater);
    /** messages waiting for their next publish */
    private final Set<Outgoing> retrying = ConcurrentHashMap.newKeySet();
    private final ReentrantLock publishLock = new ReentrantLock();
    /** topics whose exchange this producer declared; cleared when the channel is lost (the exchange may be gone) */
    private final Set<String> declaredTopics = ConcurrentHashMap.newKeySet();
    private volatile ServiceState state = ServiceState.CREATED;
    private Channel channel; // guarded by publishLock
    private SendListenerThread callbacks;
    private ScheduledExecutorService retries;

    public ProducerImpl(KeyValue attributes, BrokerConnection connection, Topology topology) {
        super("RabbitMQ", "oms-rabbitmq-producer-" + INSTANCES.incrementAndGet());
        this.attributes = attributes;
        this.connection = connection;
        this.topology = topology;
        this.timeoutMs = attributes.getLong(OMSBuiltinKeys.OPERATION_TIMEOUT, DEFAULT_TIMEOUT_MS);
        this.idPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE) + "-";
    }

    @Override
    public KeyValue attributes() {
        return attributes;
    }

    @Override
    public void startup() {
        publishLock.lock();
        try {
            state.checkNotClosed(describe());
            if (state == ServiceState.STARTED) {
                return;
            }
            callbacks = new SendListenerThread(name());
            retries = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory(name() + "-retries"));
            channel = openConfirmChannel();
            state = ServiceState.STARTED;
        } finally {
            publishLock.unlock();
        }
    }

    /** Waits (bounded) for the confirms still due, then closes the channel; later sends fail. */
    @Override
    public void shutdown() {
        publishLock.lock();
        try {
            if (state != ServiceState.STARTED) {
                state = ServiceState.CLOSED;
                return;
            }
            state = ServiceState.CLOSED;
            awaitConfirms();
            BrokerConnection.closeQuietly(channel);
            tracker.failAll("the producer was shut down before the broker confirmed the message");
            retries.shutdownNow();
            for (Outgoing message : retrying) {
                message.fail("the producer was shut down before the message could be published again");
            }
            retrying.clear();
        } finally {
            publishLock.unlock();
        }
        callbacks.shutdown(Duration.ofMillis(timeoutMs));
    }

    /** Whether {@link #shutdown()} was called. */
    public boolean isClosed() {
        return state == ServiceState.CLOSED;
    }

    @Override
    public BytesMessage createBytesMessage(String queue, byte[] body) {
        return new BytesMessageImpl(queue, body);
    }

    @Override
    public SendResult send(Message message, KeyValue properties) {
        SendFuture future = publish(List.of(message), properties, true).get(0);
        return future.get(timeout(properties));
    }

    @Override
    public Future<SendResult> sendAsync(Message message, KeyValue properties) {
        return publish(List.of(message), properties, true).get(0);
    }

    @Override
    public void sendOneway(Message message, KeyValue properties) {
        publish(List.of(message), properties, false);
    }

    @Override
    public BatchMessageSender createBatchMessageSender() {
        return new CollectingBatchSender(AmqpMessageCodec::destination, this::publishBatch);
    }

    /**
     * A batch's commit: every message published back to back, then the confirms awaited against one deadline for
     * the whole batch (the send timeout), not one timeout per message. Not atomic.
     */
    private List<BatchDispatcher.Acknowledgement> publishBatch(List<Message> messages) {
        List<SendFuture> futures = publish(messages, null, true);
        long deadline = System.currentTimeMillis() + timeout(null);
        return futures.stream()
                .<BatchDispatcher.Acknowledgement>map(future -> () -> future.get(Math.max(1, deadline - System.currentTimeMillis())))
                .toList();
    }

    /** The wait for confirms: the call's TIMEOUT, else the producer's OPERATION_TIMEOUT, else 10 s. */
    private long timeout(KeyValue properties) {
        return properties == null ? timeoutMs : properties.getLong(Message.BuiltinKeys.TIMEOUT, timeoutMs);
    }

    /**
     * Publishes the messages in order, back to back on the channel; returns one future per message
     * when {@code confirmed} (none for one-way sends, which are also not mandatory and not retried).
     */
    private List<SendFuture> publish(List<Message> messages, KeyValue properties, boolean confirmed) {
        List<Prepared> prepared = new ArrayList<>(messages.size());
        for (Message message : messages) {
            prepared.add(prepare(message, properties));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout(properties));
        List<SendFuture> futures = new ArrayList<>(confirmed ? prepared.size() : 0);
        publishLock.lock();
        try {
            checkStarted();
            for (Prepared message : prepared) {
                if (!confirmed) {
                    publishOneway(message);
                    continue;
                }
                SendFuture future = new SendFuture(callbacks);
                futures.add(future);
                if (!interceptors().isEmpty()) {
                    future.addListener(done -> interceptors().postSend(message.original, properties, done.getThrowable()));
                }
                Outgoing outgoing = new Outgoing(message.original, message.topic, message.id, message.properties,
                        message.body, future, deadline);
                try {
                    attempt(outgoing);
                } catch (RuntimeException e) {
                    retryLater(outgoing, BrokerErrors.reason(e));
                }
            }
        } finally {
            publishLock.unlock();
        }
        return futures;
    }

    /** One publish of a confirmed message: declares its topic if needed, tracks it, publishes it. Under publishLock. */
    private void attempt(Outgoing message) {
        message.attempts++;
        ensureDeclared(message.topic);
        Channel current = currentChannel();
        if (!current.isOpen()) {
            throw new OMSRuntimeException("-1", "the channel is closed (reconnecting to RabbitMQ)");
        }
        long publishSequence = current.getNextPublishSeqNo();
        tracker.track(publishSequence, message);
        try {
            current.basicPublish(message.topic, "", true, message.properties, message.body);
        } catch (IOException | RuntimeException e) {
            tracker.untrack(publishSequence);
            throw BrokerErrors.failed("publish message " + message.id + " to exchange '" + message.topic + "'", e);
        }
    }

    /**
     * Publishes the message again after a backoff, unless that would pass its deadline: then it fails.
     * Called on the connection's thread (nack, lost channel) and by publishers: it only schedules.
     */
    private void retryLater(Outgoing message, String reason) {
        long delayMs = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(10, Math.max(0, message.attempts - 1)));
        if (state == ServiceState.CLOSED) {
            message.fail("the producer was shut down; last failure: " + reason);
            return;
        }
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs) - message.deadlineNanos >= 0) {
            message.fail(reason + " (published " + message.attempts + " time(s) within the send's timeout; it may or may not be stored)");
            return;
        }
        LOG.debug("Producer {}: publishing message {} again in {} ms: {}", name(), message.id, delayMs, reason);
        retrying.add(message);
        try {
            retries.schedule(() -> republish(message), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            retrying.remove(message);
            message.fail("the producer was shut down; last failure: " + reason);
        }
    }

    private void republish(Outgoing message) {
        publishLock.lock();
        try {
            if (!retrying.remove(message)) {
                return; // failed by shutdown meanwhile
            }
            attempt(message);
        } catch (RuntimeException e) {
            retryLater(message, BrokerErrors.reason(e));
        } finally {
            publishLock.unlock();
        }
    }

    /** A one-way send: published once, no confirm awaited, failures thrown at once. Under publishLock. */
    private void publishOneway(Prepared message) {
        try {
            ensureDeclared(message.topic);
            currentChannel().basicPublish(message.topic, "", false, message.properties, message.body);
        } catch (IOException | RuntimeException e) {
            if (e instanceof OMSRuntimeException oms) {
                throw oms;
            }
            throw BrokerErrors.failed("publish message " + message.id + " to exchange '" + message.topic + "'", e);
        }
    }

    /** Declares the topic's exchange (and stream) once per channel: it may have been deleted while the channel was away. */
    private void ensureDeclared(String topic) {
        if (!declaredTopics.contains(topic)) {
            topology.declareTopic(topic);
            declaredTopics.add(topic);
        }
    }

    private Prepared prepare(Message message, KeyValue properties) {
        String topic = AmqpMessageCodec.destination(message);
        byte[] body = AmqpMessageCodec.body(message);
        interceptors().preSend(message, properties);
        checkStarted();
        String id = idPrefix + sequence.incrementAndGet();
        AMQP.BasicProperties amqpProperties = AmqpMessageCodec.properties(message, id, System.currentTimeMillis());
        message.putSysHeaders(Message.BuiltinKeys.MESSAGE_ID, id);
        return new Prepared(message, topic, id, amqpProperties, body);
    }

    private void checkStarted() {
        state.checkStarted(describe());
    }

    /**
     * The channel, reopened if the broker closed it for a channel error (e.g. 404 for an exchange deleted
     * meanwhile). A channel lost with its connection is left to the automatic recovery.
     */
    private Channel currentChannel() {
        ShutdownSignalException closed = channel.isOpen() ? null : channel.getCloseReason();
        if (closed != null && !closed.isHardError() && !closed.isInitiatedByApplication() && connection.isOpen()) {
            LOG.info("Producer {}: reopening its channel", name());
            channel = openConfirmChannel();
        }
        return channel;
    }

    private Channel openConfirmChannel() {
        Channel opened = connection.openChannel();
        try {
            opened.confirmSelect();
        } catch (IOException | RuntimeException e) {
            BrokerConnection.closeQuietly(opened);
            throw BrokerErrors.failed("enable publisher confirms", e);
        }
        opened.addConfirmListener(tracker);
        opened.addReturnListener(tracker);
        opened.addShutdownListener(tracker);
        return opened;
    }

    private void channelLost() {
        declaredTopics.clear();
    }

    private void awaitConfirms() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            while (!tracker.isEmpty() && channel.isOpen() && System.nanoTime() < deadline) {
                channel.waitForConfirms(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warn("Producer {}: closing with messages the broker has not confirmed: {}", name(), BrokerErrors.reason(e));
        }
    }

    private record Prepared(Message original, String topic, String id, AMQP.BasicProperties properties, byte[] body) {
    }

    /** This service in error messages. */
    private String describe() {
        return "Producer " + name();
    }
}
