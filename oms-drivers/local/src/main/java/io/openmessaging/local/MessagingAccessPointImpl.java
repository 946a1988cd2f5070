package io.openmessaging.local;

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
import io.openmessaging.local.admin.LocalResourceManager;
import io.openmessaging.local.config.LocalDriverConfig;
import io.openmessaging.local.consumer.LocalPullConsumer;
import io.openmessaging.local.producer.LocalProducer;
import io.openmessaging.local.store.Store;
import io.openmessaging.local.store.StoreRegistry;
import io.openmessaging.producer.Producer;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code oms:local://<dir>/<namespace>} driver (OMS 0.3.1-alpha naming rule): an embedded,
 * durable, file-based queue in {@code <dir>/<namespace>}. Access points on the same folder in one
 * JVM share one store; another process on the same folder is refused (file lock). The
 * {@code create*} methods start the access point if {@link #startup()} was not called.
 * Supports producers (sync, async, oneway, batch), pull consumers and the resource manager; push
 * and streaming consumers are not supported.
 */
public class MessagingAccessPointImpl implements MessagingAccessPoint {

    private final KeyValue attributes;
    private final LocalDriverConfig config;
    private final List<ServiceLifecycle> services = new ArrayList<>();
    private Store store;

    public MessagingAccessPointImpl(KeyValue attributes) {
        this.attributes = attributes;
        this.config = LocalDriverConfig.from(attributes);
    }

    @Override
    public String implVersion() {
        return "0.3.1-alpha";
    }

    @Override
    public KeyValue attributes() {
        return attributes;
    }

    /** Opens (or joins) the store of the folder. */
    @Override
    public synchronized void startup() {
        if (store == null) {
            store = StoreRegistry.acquire(config);
        }
    }

    /** Shuts down every producer and consumer made here and lets go of the store. */
    @Override
    public synchronized void shutdown() {
        if (store == null) {
            return;
        }
        for (ServiceLifecycle service : services) {
            try {
                service.shutdown();
            } catch (OMSRuntimeException ignored) {
                // already failing: shutting down is all that is left to do
            }
        }
        services.clear();
        StoreRegistry.release(store);
        store = null;
    }

    @Override
    public Producer createProducer() {
        return createProducer(new DefaultKeyValue());
    }

    @Override
    public synchronized Producer createProducer(KeyValue properties) {
        LocalProducer producer = new LocalProducer(started(), properties == null ? new DefaultKeyValue() : properties);
        services.add(producer);
        return producer;
    }

    @Override
    public PushConsumer createPushConsumer() {
        throw new OMSNotSupportedException("-1", "oms:local supports pull consumers only");
    }

    @Override
    public PushConsumer createPushConsumer(KeyValue properties) {
        return createPushConsumer();
    }

    /** Needs {@code CONSUMER_ID} (the consumer group) in {@code properties}. */
    @Override
    public PullConsumer createPullConsumer() {
        return createPullConsumer(new DefaultKeyValue());
    }

    @Override
    public synchronized PullConsumer createPullConsumer(KeyValue properties) {
        LocalPullConsumer consumer = new LocalPullConsumer(started(), properties);
        services.add(consumer);
        return consumer;
    }

    @Override
    public StreamingConsumer createStreamingConsumer() {
        throw new OMSNotSupportedException("-1", "oms:local supports pull consumers only");
    }

    @Override
    public StreamingConsumer createStreamingConsumer(KeyValue properties) {
        return createStreamingConsumer();
    }

    @Override
    public synchronized ResourceManager resourceManager() {
        return new LocalResourceManager(started());
    }

    private Store started() {
        startup();
        return store;
    }
}
