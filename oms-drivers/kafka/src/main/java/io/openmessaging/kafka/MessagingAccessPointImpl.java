package io.openmessaging.kafka;

import io.openmessaging.KeyValue;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.ResourceManager;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.kafka.client.KafkaClients;
import io.openmessaging.kafka.client.KafkaErrors;
import io.openmessaging.kafka.consumer.KafkaPullConsumer;
import io.openmessaging.kafka.producer.KafkaOmsProducer;
import io.openmessaging.kafka.resource.KafkaResourceManager;
import io.openmessaging.omsconnect.driversupport.access.Owned;
import io.openmessaging.omsconnect.driversupport.access.PullOnlyAccessPoint;
import io.openmessaging.producer.Producer;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The OMS 0.3.1 driver {@code oms:kafka://host:port[,host:port…]/<namespace>[?<key>=<value>&…]}, found by the
 * OMS naming rule. The query's keys configure Kafka's clients ({@link KafkaClients}). {@link #startup()} asks the
 * cluster for its id through an {@link Admin} client, so an unreachable cluster fails there, within
 * {@code kafka.startup.timeout.ms} (10 s); each producer and pull consumer then has a Kafka client of its own.
 * {@link #shutdown()} shuts down what was created here. Kafka has no namespaces: the URL's is a name only.
 */
public final class MessagingAccessPointImpl extends PullOnlyAccessPoint {
    private static final Logger LOG = LoggerFactory.getLogger(MessagingAccessPointImpl.class);
    /** How long each resource manager call waits for Kafka when OPERATION_TIMEOUT does not say. */
    private static final long DEFAULT_ADMIN_TIMEOUT_MS = 30_000;

    private final KafkaClients clients;
    private Admin admin; // guarded by this
    private ResourceManager resourceManager; // guarded by this

    /** Checks the attributes (fails on a malformed address) without connecting yet. */
    public MessagingAccessPointImpl(KeyValue attributes) {
        super(attributes, "Kafka");
        this.clients = new KafkaClients(attributes);
    }

    @Override
    protected boolean connected() {
        return admin != null;
    }

    /** Reaches the cluster; throws an OMSRuntimeException within kafka.startup.timeout.ms when it cannot. */
    @Override
    protected void connect() {
        Admin created = clients.admin(attributes());
        String clusterId;
        try {
            clusterId = created.describeCluster().clusterId().get(clients.startupTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            created.close(Duration.ZERO);
            throw new OMSRuntimeException("-1", "Interrupted while reaching Kafka at " + clients.bootstrapServers(), e);
        } catch (ExecutionException | TimeoutException e) {
            created.close(Duration.ZERO);
            throw KafkaErrors.failed("Reaching Kafka at " + clients.bootstrapServers() + " within "
                    + clients.startupTimeoutMs() + " ms (" + KafkaClients.STARTUP_TIMEOUT_MS + ")", e);
        }
        admin = created;
        resourceManager = new KafkaResourceManager(admin, attributes().getString(OMSBuiltinKeys.REGION),
                attributes().getLong(OMSBuiltinKeys.OPERATION_TIMEOUT, DEFAULT_ADMIN_TIMEOUT_MS));
        LOG.info("Kafka access point {}: cluster {}", clients.bootstrapServers(), clusterId);
    }

    @Override
    protected void disconnect() {
        admin.close(Duration.ofSeconds(10));
        admin = null;
        resourceManager = null;
    }

    @Override
    protected String address() {
        return clients.bootstrapServers();
    }

    @Override
    protected Owned<? extends Producer> newProducer(KeyValue properties) {
        KafkaOmsProducer producer = new KafkaOmsProducer(properties, clients);
        return new Owned<>(producer, producer::isClosed);
    }

    @Override
    protected Owned<? extends PullConsumer> newPullConsumer(KeyValue properties) {
        KafkaPullConsumer consumer = new KafkaPullConsumer(properties, clients);
        return new Owned<>(consumer, consumer::isClosed);
    }

    @Override
    protected ResourceManager connectedResourceManager() {
        return resourceManager;
    }
}
