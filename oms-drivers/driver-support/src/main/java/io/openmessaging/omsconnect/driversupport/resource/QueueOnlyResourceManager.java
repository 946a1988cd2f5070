package io.openmessaging.omsconnect.driversupport.resource;

import io.openmessaging.KeyValue;
import io.openmessaging.ResourceManager;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.omsconnect.driversupport.Unsupported;

import java.util.List;

/**
 * A resource manager for a broker whose OMS resources are queues only: namespaces are fixed by the access
 * point's URL (Kafka has none, a RabbitMQ vhost is managed with RabbitMQ's tools), and there are no routings,
 * no streams of a queue and no changing a stored message. Those calls fail with an
 * {@link OMSNotSupportedException} that names the driver and says why; the driver
 * implements the queue calls.
 */
public abstract class QueueOnlyResourceManager implements ResourceManager {
    private final Unsupported unsupported;
    private final String namespacesAre;
    private final String messagesAre;

    /**
     * @param driver        the driver's name in error messages, e.g. {@code Kafka}
     * @param namespacesAre why namespaces are not managed here, e.g. "Kafka has none"
     * @param messagesAre   why a stored message cannot be updated, e.g. "a Kafka record cannot be changed"
     */
    protected QueueOnlyResourceManager(String driver, String namespacesAre, String messagesAre) {
        this.unsupported = new Unsupported(driver);
        this.namespacesAre = namespacesAre;
        this.messagesAre = messagesAre;
    }

    /** The refusal of another unsupported call, e.g. a driver whose queues' attributes cannot change. */
    protected final OMSNotSupportedException unsupported(String what) {
        return unsupported.exception(what);
    }

    @Override
    public void createNamespace(String nsName, KeyValue attributes) {
        throw namespacesUnsupported();
    }

    @Override
    public void setNamespaceAttributes(String nsName, KeyValue attributes) {
        throw namespacesUnsupported();
    }

    @Override
    public KeyValue getNamespaceAttributes(String nsName) {
        throw namespacesUnsupported();
    }

    @Override
    public void deleteNamespace(String nsName) {
        throw namespacesUnsupported();
    }

    @Override
    public List<String> listNamespaces() {
        throw namespacesUnsupported();
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

    private OMSNotSupportedException namespacesUnsupported() {
        return unsupported("namespaces: " + namespacesAre);
    }
}
