package io.openmessaging.omsconnect.driversupport.access;

import io.openmessaging.KeyValue;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.ResourceManager;
import io.openmessaging.ServiceLifecycle;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.consumer.PushConsumer;
import io.openmessaging.consumer.StreamingConsumer;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.driversupport.Unsupported;
import io.openmessaging.producer.Producer;

import java.util.List;

/**
 * The lifecycle of an access point to a broker that offers producers, pull consumers and a resource manager
 * (what the worker uses), and no push or streaming consumers. A driver says how to connect, disconnect and make
 * each part; this class holds what every such driver does the same way:
 * <ul>
 *   <li>{@link #startup()} connects once; every {@code create*} and {@link #resourceManager()} before it fails
 *       with an {@link OMSRuntimeException} that says so, rather than a NullPointerException deep inside.</li>
 *   <li>The properties given to {@code create*} override the access point's attributes (the URL's driver keys
 *       among them), so a producer or consumer sees both.</li>
 *   <li>{@link #shutdown()} shuts down every producer and consumer made here, then disconnects.</li>
 * </ul>
 * The subclass's methods run under this object's lock.
 */
public abstract class PullOnlyAccessPoint implements MessagingAccessPoint {
    /** The OMS API version the drivers implement. */
    public static final String IMPL_VERSION = "0.3.1-alpha";

    private final KeyValue attributes;
    private final Unsupported unsupported;
    private final OwnedServices owned = new OwnedServices();

    /** @param driver the driver's name in error messages, e.g. {@code Kafka} */
    protected PullOnlyAccessPoint(KeyValue attributes, String driver) {
        this.attributes = attributes;
        this.unsupported = new Unsupported(driver);
    }

    /** Whether {@link #connect()} succeeded and {@link #disconnect()} was not called since. */
    protected abstract boolean connected();

    /** Reaches the broker; throws an OMSRuntimeException when it cannot (and leaves {@link #connected()} false). */
    protected abstract void connect();

    /** Lets go of the broker; called after the producers and consumers made here were shut down. */
    protected abstract void disconnect();

    /** What the access point reaches, for error messages, e.g. {@code 127.0.0.1:9092}. */
    protected abstract String address();

    /** A new producer, not started, on the connected broker. */
    protected abstract Owned<? extends Producer> newProducer(KeyValue properties);

    /** A new pull consumer, not started, on the connected broker. */
    protected abstract Owned<? extends PullConsumer> newPullConsumer(KeyValue properties);

    /** The resource manager of the connected broker. */
    protected abstract ResourceManager connectedResourceManager();

    @Override
    public String implVersion() {
        return IMPL_VERSION;
    }

    @Override
    public KeyValue attributes() {
        return attributes;
    }

    @Override
    public synchronized void startup() {
        if (!connected()) {
            connect();
        }
    }

    @Override
    public synchronized void shutdown() {
        owned.shutdownAll();
        if (connected()) {
            disconnect();
        }
    }

    @Override
    public Producer createProducer() {
        return createProducer(null);
    }

    @Override
    public synchronized Producer createProducer(KeyValue properties) {
        checkStarted();
        return adopt(newProducer(withDefaults(properties)));
    }

    @Override
    public PullConsumer createPullConsumer() {
        return createPullConsumer(null);
    }

    /** Needs {@code CONSUMER_ID}, the consumer group, in {@code properties}. */
    @Override
    public synchronized PullConsumer createPullConsumer(KeyValue properties) {
        checkStarted();
        return adopt(newPullConsumer(withDefaults(properties)));
    }

    @Override
    public synchronized ResourceManager resourceManager() {
        checkStarted();
        return connectedResourceManager();
    }

    @Override
    public PushConsumer createPushConsumer() {
        throw unsupported.exception("push consumers (use a pull consumer)");
    }

    @Override
    public PushConsumer createPushConsumer(KeyValue properties) {
        return createPushConsumer();
    }

    @Override
    public StreamingConsumer createStreamingConsumer() {
        throw unsupported.exception("streaming consumers (use a pull consumer)");
    }

    @Override
    public StreamingConsumer createStreamingConsumer(KeyValue properties) {
        return createStreamingConsumer();
    }

    /** The access point's attributes overridden by the call's; the attributes themselves when the call has none. */
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

    private <T extends ServiceLifecycle> T adopt(Owned<T> made) {
        return owned.adopt(made.service(), made.closed());
    }

    private void checkStarted() {
        if (!connected()) {
            throw new OMSRuntimeException("-1", "The " + unsupported.driver() + " access point for " + address()
                    + " is not started: call startup() first");
        }
    }
}
