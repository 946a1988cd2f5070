package io.openmessaging.kafka;

import io.openmessaging.KeyValue;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.ResourceManager;
import io.openmessaging.ServiceLifecycle;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.consumer.PushConsumer;
import io.openmessaging.consumer.StreamingConsumer;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.kafka.client.KafkaClients;
import io.openmessaging.kafka.client.KafkaErrors;
import io.openmessaging.kafka.consumer.KafkaPullConsumer;
import io.openmessaging.kafka.producer.KafkaOmsProducer;
import io.openmessaging.kafka.resource.KafkaResourceManager;
import io.openmessaging.producer.Producer;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The OMS 0.3.1 driver {@code oms:kafka://host:port[,host:port…]/<namespace>[?<key>=<value>&…]}, found by the
 * OMS naming rule. The query's keys configure Kafka's clients ({@link KafkaClients}). {@link #startup()} asks the
 * cluster for its id through an {@link Admin} client, so an unreachable cluster fails there, within
 * {@code kafka.startup.timeout.ms} (10 s); each producer and pull consumer then has a Kafka client of its own.
 * {@link #shutdown()} shuts down what was created here. Kafka has no namespaces: the URL's is a name only.
 */
public final class MessagingAccessPointImpl implements MessagingAccessPoint {
    private static final Logger LOG = LoggerFactory.getLogger(MessagingAccessPointImpl.class);
    static final String IMPL_VERSION = "0.3.1-alpha";
    /** How long each resource manager call waits for Kafka when OPERATION_TIMEOUT does not say. */
    private static final long DEFAULT_ADMIN_TIMEOUT_MS = 30_000;

    private final KeyValue attributes;
    private final KafkaClients clients;
    /** what was created here, with how to tell that it was shut down */
    private final Map<ServiceLifecycle, BooleanSupplier> children = new LinkedHashMap<>(); // guarded by this
    private Admin admin;
    private ResourceManager resourceManager;

    /** Checks the attributes (fails on a malformed address) without connecting yet. */
    public MessagingAccessPointImpl(KeyValue attributes) {
        this.attributes = attributes;
        this.clients = new KafkaClients(attributes);
    }

    @Override
    public String implVersion() {
        return IMPL_VERSION;
    }

    @Override
    public KeyValue attributes() {
        return attributes;
    }

    /** Reaches the cluster; throws an OMSRuntimeException within kafka.startup.timeout.ms when it cannot. */
    @Override
    public synchronized void startup() {
        if (admin != null) {
            return;
        }
        Admin created = clients.admin(attributes);
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
        resourceManager = new KafkaResourceManager(admin, attributes.getString(OMSBuiltinKeys.REGION),
                attributes.getLong(OMSBuiltinKeys.OPERATION_TIMEOUT, DEFAULT_ADMIN_TIMEOUT_MS));
        LOG.info("Kafka access point {}: cluster {}", clients.bootstrapServers(), clusterId);
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
        if (admin != null) {
            admin.close(Duration.ofSeconds(10));
            admin = null;
            resourceManager = null;
        }
    }

    @Override
    public Producer createProducer() {
        return createProducer(null);
    }

    @Override
    public synchronized Producer createProducer(KeyValue properties) {
        checkStarted();
        KafkaOmsProducer producer = new KafkaOmsProducer(withDefaults(properties), clients);
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
        KafkaPullConsumer consumer = new KafkaPullConsumer(withDefaults(properties), clients);
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

    /** The access point's attributes (the URL's Kafka keys among them) overridden by the call's. */
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
        if (admin == null) {
            throw new OMSRuntimeException("-1", "The Kafka access point for " + clients.bootstrapServers() + " is not started: call startup() first");
        }
    }

    private static OMSNotSupportedException unsupported(String what) {
        return new OMSNotSupportedException("-1", "Not supported by the Kafka driver: " + what + " (use a pull consumer)");
    }
}
