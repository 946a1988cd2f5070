package io.openmessaging.rabbitmq;

import io.openmessaging.KeyValue;
import io.openmessaging.ResourceManager;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.omsconnect.driversupport.access.Owned;
import io.openmessaging.omsconnect.driversupport.access.PullOnlyAccessPoint;
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
public final class MessagingAccessPointImpl extends PullOnlyAccessPoint {
    private static final String CLIENT_NAME = "omsconnect";

    private final ConnectionSettings settings;
    // guarded by this:
    private BrokerConnection connection;
    private Topology topology;
    private GroupLocks locks;
    private ResourceManager resourceManager;

    /** Parses the attributes (fails on a malformed address) without connecting yet. */
    public MessagingAccessPointImpl(KeyValue attributes) {
        super(attributes, "RabbitMQ");
        this.settings = ConnectionSettings.from(attributes);
    }

    @Override
    protected boolean connected() {
        return connection != null;
    }

    /** Connects; throws an OMSRuntimeException within the connection timeout when the broker is unreachable. */
    @Override
    protected void connect() {
        connection = BrokerConnection.open(settings, CLIENT_NAME);
        topology = new Topology(connection, attributes().getString(Topology.QUEUE_TYPE), StreamRetention.from(attributes()));
        locks = new GroupLocks(connection);
        resourceManager = new ResourceManagerImpl(topology, settings.virtualHost());
    }

    @Override
    protected void disconnect() {
        connection.close();
        connection = null;
    }

    @Override
    protected String address() {
        return settings.describe();
    }

    @Override
    protected Owned<? extends Producer> newProducer(KeyValue properties) {
        ProducerImpl producer = new ProducerImpl(properties, connection, topology);
        return new Owned<>(producer, producer::isClosed);
    }

    /** A stream consumer in the default layout, else one reading the group's queue. */
    @Override
    protected Owned<? extends PullConsumer> newPullConsumer(KeyValue properties) {
        if (topology.streams()) {
            StreamPullConsumer consumer = new StreamPullConsumer(properties, connection, topology, locks);
            return new Owned<>(consumer, consumer::isClosed);
        }
        PullConsumerImpl consumer = new PullConsumerImpl(properties, connection, topology);
        return new Owned<>(consumer, consumer::isClosed);
    }

    @Override
    protected ResourceManager connectedResourceManager() {
        return resourceManager;
    }
}
