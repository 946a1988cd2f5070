package io.openmessaging.omsconnect.driversupport.resource;

import io.openmessaging.KeyValue;
import io.openmessaging.ResourceManager;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.omsconnect.driversupport.Unsupported;

import java.util.List;

/**
 * A resource manager whose OMS resources are queues (and, as the driver decides, namespaces): none of our
 * brokers has OMS routings or streams of a queue, nor lets a stored message change. Those calls fail with an
 * {@link OMSNotSupportedException} that names the driver and says why; the driver implements the rest.
 */
public abstract class QueueResourceManager implements ResourceManager {
    private final Unsupported unsupported;
    private final String messagesAre;

    /**
     * @param driver      the driver's name in error messages, e.g. {@code Kafka}
     * @param messagesAre why a stored message cannot be updated, e.g. "a Kafka record cannot be changed"
     */
    protected QueueResourceManager(String driver, String messagesAre) {
        this.unsupported = new Unsupported(driver);
        this.messagesAre = messagesAre;
    }

    /** The refusal of another unsupported call, e.g. a driver whose queues' attributes cannot change. */
    protected final OMSNotSupportedException unsupported(String what) {
        return unsupported.exception(what);
    }

    @Override
    public void createRouting(String routingName, KeyValue attributes) {
        throw unsupported("routings");
    }

    @Override
    public void setRoutingAttributes(String routingName, KeyValue attributes) {
        throw unsupported("routings");
    }

    @Override
    public KeyValue getRoutingAttributes(String routingName) {
        throw unsupported("routings");
    }

    @Override
    public void deleteRouting(String routingName) {
        throw unsupported("routings");
    }

    @Override
    public List<String> listRoutings(String nsName) {
        throw unsupported("routings");
    }

    @Override
    public List<String> listStreams(String queueName) {
        throw unsupported("streams");
    }

    @Override
    public void updateMessage(String queueName, String messageId, KeyValue headers) {
        throw unsupported("updateMessage: " + messagesAre);
    }
}
