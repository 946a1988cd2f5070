package io.openmessaging.kafka.producer;

import io.openmessaging.BytesMessage;
import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.kafka.client.KafkaClients;
import io.openmessaging.kafka.client.KafkaErrors;
import io.openmessaging.kafka.message.KafkaBytesMessage;
import io.openmessaging.kafka.message.RecordCodec;
import io.openmessaging.omsconnect.driversupport.lifecycle.ServiceState;
import io.openmessaging.omsconnect.driversupport.producer.AbstractProducer;
import io.openmessaging.omsconnect.driversupport.producer.BatchDispatcher;
import io.openmessaging.omsconnect.driversupport.producer.CollectingBatchSender;
import io.openmessaging.omsconnect.driversupport.producer.SendListenerThread;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.SendResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OMS producer on one {@link KafkaProducer}: idempotent, {@code acks=all} (unless the URL says otherwise),
 * so a send is done when every in-sync replica has the message and Kafka's own retries never store it twice
 * nor out of order. {@link #send} returns once Kafka acknowledged the message, {@link #sendAsync}'s future
 * completes then, {@link #sendOneway} does not wait; an acknowledged message's system headers tell where it
 * went ({@link RecordCodec#stored}). A waiting caller ({@code send}, a batch's {@code commit}) flushes the
 * producer: its messages leave at once instead of lingering ({@code linger.ms}) for more to batch with.
 * Thread-safe, as KafkaProducer is; interceptors' {@code postSend} runs on the producer's callback thread.
 */
public final class KafkaOmsProducer extends AbstractProducer {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaOmsProducer.class);
    /** How long {@link #shutdown()} lets the messages still in flight reach Kafka. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final KeyValue attributes;
    private final KafkaClients clients;
    /** The wait of a send without a TIMEOUT of its own; 0: until Kafka answers (delivery.timeout.ms bounds it) */
    private final long timeoutMs;
    private volatile ServiceState state = ServiceState.CREATED;
    private volatile KafkaProducer<byte[], byte[]> producer;
    private SendListenerThread callbacks;

    public KafkaOmsProducer(KeyValue attributes, KafkaClients clients) {
        super("Kafka", "oms-kafka-producer-" + INSTANCES.incrementAndGet());
        this.attributes = attributes;
        this.clients = clients;
        this.timeoutMs = Math.max(0, attributes.getLong(OMSBuiltinKeys.OPERATION_TIMEOUT, 0));
    }

    @Override
    public KeyValue attributes() {
        return attributes;
    }

    @Override
    public synchronized void startup() {
        state.checkNotClosed(describe());
        if (state == ServiceState.STARTED) {
            return;
        }
        callbacks = new SendListenerThread(name());
        producer = clients.producer(attributes);
        state = ServiceState.STARTED;
    }

    /** Lets what is in flight reach Kafka (up to {@link #CLOSE_TIMEOUT}; then it fails), then closes; later sends fail. */
    @Override
    public synchronized void shutdown() {
        ServiceState was = state;
        state = ServiceState.CLOSED;
        if (was != ServiceState.STARTED) {
            return;
        }
        try {
            producer.close(CLOSE_TIMEOUT);
        } catch (KafkaException e) {
            LOG.warn("Producer {}: closing the Kafka producer failed: {}", name(), KafkaErrors.reason(e));
        }
        callbacks.shutdown(CLOSE_TIMEOUT);
    }

    /** Whether {@link #shutdown()} was called. */
    public boolean isClosed() {
        return state == ServiceState.CLOSED;
    }

    @Override
    public BytesMessage createBytesMessage(String topic, byte[] body) {
        return new KafkaBytesMessage(topic, body);
    }

    /** Sends, flushes, and waits for Kafka's acknowledgement (the call's TIMEOUT, else OPERATION_TIMEOUT, else Kafka's). */
    @Override
    public SendResult send(Message message, KeyValue properties) {
        SendPromise promise = dispatch(message, properties);
        flush();
        return await(promise, properties);
    }

    @Override
    public Future<SendResult> sendAsync(Message message, KeyValue properties) {
        return dispatch(message, properties);
    }

    @Override
    public void sendOneway(Message message, KeyValue properties) {
        dispatch(message, properties);
    }

    @Override
    public BatchMessageSender createBatchMessageSender() {
        checkStarted();
        return new CollectingBatchSender(RecordCodec::topic, this::dispatchBatch);
    }

    /**
     * A batch's commit: every message handed to Kafka in order, one flush so that none lingers for more to batch
     * with ({@code linger.ms}), then each acknowledgement awaited as a single send would. Not atomic (no Kafka
     * transaction).
     */
    private List<BatchDispatcher.Acknowledgement> dispatchBatch(List<Message> messages) {
        List<SendPromise> promises = new ArrayList<>(messages.size());
        for (Message message : messages) {
            promises.add(dispatch(message, null));
        }
        flush();
        return promises.stream().<BatchDispatcher.Acknowledgement>map(promise -> () -> await(promise, null)).toList();
    }

    /** Hands the message to Kafka; the promise completes when Kafka acknowledged or failed it. */
    private SendPromise dispatch(Message message, KeyValue properties) {
        checkStarted();
        ProducerRecord<byte[], byte[]> record = RecordCodec.toRecord(message);
        interceptors().preSend(message, properties);
        SendPromise promise = new SendPromise(callbacks);
        if (!interceptors().isEmpty()) {
            promise.addListener(done -> interceptors().postSend(message, properties, done.getThrowable()));
        }
        try {
            producer.send(record, (stored, error) -> complete(promise, message, record.topic(), stored, error));
        } catch (KafkaException | IllegalStateException e) {
            // refused before it was queued: closed producer, record too large, no metadata within max.block.ms
            throw state == ServiceState.CLOSED ? ServiceState.closed(describe()) : KafkaErrors.failed("Sending a message to Kafka topic '" + record.topic() + "'", e);
        }
        return promise;
    }

    /** Makes every message handed over so far leave now, and waits until Kafka answered for each. */
    private void flush() {
        try {
            producer.flush();
        } catch (KafkaException | IllegalStateException e) {
            // an interrupt or a closed producer: the promises tell each message's outcome
            LOG.debug("Producer {}: flush ended early: {}", name(), KafkaErrors.reason(e));
        }
    }

    /** The promise's result, waiting the call's TIMEOUT, else OPERATION_TIMEOUT, else as long as Kafka takes. */
    private SendResult await(SendPromise promise, KeyValue properties) {
        long wait = properties == null ? timeoutMs : properties.getLong(Message.BuiltinKeys.TIMEOUT, timeoutMs);
        return wait > 0 ? promise.get(wait) : promise.get();
    }

    /** Kafka's answer, on its I/O thread: where the message went, or why it did not. */
    private static void complete(SendPromise promise, Message message, String topic, RecordMetadata stored, Exception error) {
        if (error == null) {
            promise.succeeded(new SentMessage(RecordCodec.stored(message, stored)));
        } else {
            promise.failed(KafkaErrors.failed("Sending a message to Kafka topic '" + topic + "'", error));
        }
    }

    private void checkStarted() {
        state.checkStarted(describe());
    }

    /** This service in error messages. */
    private String describe() {
        return "Producer " + name();
    }
}
