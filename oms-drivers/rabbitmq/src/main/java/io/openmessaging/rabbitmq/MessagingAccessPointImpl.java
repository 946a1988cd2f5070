package io.openmessaging.rabbitmq;

import io.openmessaging.KeyValue;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.ResourceManager;
import io.openmessaging.ServiceLifecycle;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.consumer.PushConsumer;
import io.openmessaging.consumer.StreamingConsumer;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.producer.Producer;
import io.openmessaging.rabbitmq.connection.BrokerConnection;
import io.openmessaging.rabbitmq.connection.ConnectionSettings;
import io.openmessaging.rabbitmq.consumer.GroupLocks;
import io.openmessaging.rabbitmq.consumer.PullConsumerImpl;
import io.openmessaging.rabbitmq.consumer.StreamPullConsumer;
import io.openmessaging.rabbitmq.producer.ProducerImpl;
import io.openmessaging.rabbitmq.resource.ResourceManagerImpl;
import io.openmessaging.rabbitmq.topology.StreamRetention;
import io.openmessaging.rabbitmq.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The OMS 0.3.1 driver {@code oms:rabbitmq://user:password@host:port/vhost} ({@code default} or
 * {@code %2F} for vhost {@code /}), found by the OMS naming rule. {@link #startup()} opens one AMQP
 * connection (automatic recovery on, connect bounded by {@code rabbitmq.connection.timeout.ms}, default
 * 5 s) that the producers, pull consumers and resource manager created here share;
 * {@link #shutdown()} shuts them all down and closes it.
 *
 * <p>Mapping (default, {@code rabbitmq.queue.type=stream}): OMS queue (topic) {@code T} = durable stream
 * queue {@code T} bound to the fanout exchange {@code T}; each consumer group reads it at its own position.
 * With {@code classic} or {@code quorum}: consumer group {@code G} = durable queue {@code T.G} bound to the
 * exchange. See {@link Topology}.
 */
public final class MessagingAccessPointImpl implements MessagingAccessPoint {
    private static final Logger LOG = LoggerFactory.getLogger(MessagingAccessPointImpl.class);
    static final String IMPL_VERSION = "0.3.1-alpha";
    private static final String CLIENT_NAME = "omsconnect";

    private final KeyValue attributes;
    private final ConnectionSettings settings;
    /** what was created here, with how to tell that it was shut down */
    private final Map<ServiceLifecycle, BooleanSupplier> children = new LinkedHashMap<>(); // guarded by this
    private BrokerConnection connection;
    private Topology topology;
    private GroupLocks locks;
    private ResourceManager resourceManager;

    /** Parses the attributes (fails on a malformed address) without connecting yet. */
    public MessagingAccessPointImpl(KeyValue attributes) {
        this.attributes = attributes;
        this.settings = ConnectionSettings.from(attributes);
    }

    @Override
    public String implVersion() {
        return IMPL_VERSION;
    }

    @Override
    public KeyValue attributes() {
        return attributes;
    }

    /** Connects; throws an OMSRuntimeException within the connection timeout when the broker is unreachable. */
    @Override
    public synchronized void startup() {
        if (connection != null) {
            return;
        }
        connection = BrokerConnection.open(settings, CLIENT_NAME);
        topology = new Topology(connection, attributes.getString(Topology.QUEUE_TYPE), StreamRetention.from(attributes));
        locks = new GroupLocks(connection);
        resourceManager = new ResourceManagerImpl(topology, settings.virtualHost());
    }

    @Override
    public synchronized void shutdown() {
        for (ServiceLifecycle child : List.copyOf(children.keySet())) {
            try {
                child.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("Shutting down {} failed", child, e);
            }
        }
        children.clear();
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public Producer createProducer() {
        return createProducer(null);
    }

    @Override
    public synchronized Producer createProducer(KeyValue properties) {
        checkStarted();
        ProducerImpl producer = new ProducerImpl(withDefaults(properties), connection, topology);
        return adopt(producer, producer::isClosed);
    }

    @Override
    public PullConsumer createPullConsumer() {
        return createPullConsumer(null);
    }

    /** Needs {@code CONSUMER_ID}, the consumer group, in {@code properties}. */
    @Override
    public synchronized PullConsumer createPullConsumer(KeyValue properties) {
        checkStarted();
        KeyValue merged = withDefaults(properties);
        if (topology.streams()) {
            StreamPullConsumer consumer = new StreamPullConsumer(merged, connection, topology, locks);
            return adopt(consumer, consumer::isClosed);
        }
        PullConsumerImpl consumer = new PullConsumerImpl(merged, connection, topology);
        return adopt(consumer, consumer::isClosed);
    }

    @Override
    public synchronized ResourceManager resourceManager() {
        checkStarted();
        return resourceManager;
    }

    @Override
    public PushConsumer createPushConsumer() {
        throw unsupported("push consumers");
    }

    @Override
    public PushConsumer createPushConsumer(KeyValue properties) {
        throw unsupported("push consumers");
    }

    @Override
    public StreamingConsumer createStreamingConsumer() {
        throw unsupported("streaming consumers");
    }

    @Override
    public StreamingConsumer createStreamingConsumer(KeyValue properties) {
        throw unsupported("streaming consumers");
    }

    /** The access point's attributes (e.g. rabbitmq.prefetch given to the driver) overridden by the call's. */
    private KeyValue withDefaults(KeyValue properties) {
        if (properties == null) {
            return attributes;
        }
        KeyValue merged = new DefaultKeyValue();
        for (KeyValue source : List.of(attributes, properties)) {
            for (String key : source.keySet()) {
                merged.put(key, source.getString(key));
            }
        }
        return merged;
    }

    private <T extends ServiceLifecycle> T adopt(T child, BooleanSupplier closed) {
        // forget the children already shut down, so a long-lived access point does not accumulate them
        children.values().removeIf(BooleanSupplier::getAsBoolean);
        children.put(child, closed);
        return child;
    }

    private void checkStarted() {
        if (connection == null) {
            throw new OMSRuntimeException("-1", "The RabbitMQ access point for " + settings.describe() + " is not started: call startup() first");
        }
    }

    private static OMSNotSupportedException unsupported(String what) {
        return new OMSNotSupportedException("-1", "Not supported by the RabbitMQ driver: " + what + " (use a pull consumer)");
    }
}
