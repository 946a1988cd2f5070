package io.openmessaging.omsconnect.driversupport.resource;

import io.openmessaging.KeyValue;
import io.openmessaging.exception.OMSNotSupportedException;

import java.util.List;

/**
 * A {@link QueueResourceManager} for a broker whose namespace is fixed by the access point's URL (Kafka has
 * none, a RabbitMQ vhost is managed with RabbitMQ's tools): the namespace calls fail too, saying why.
 */
public abstract class QueueOnlyResourceManager extends QueueResourceManager {
    private final String namespacesAre;

    /**
     * @param driver        the driver's name in error messages, e.g. {@code Kafka}
     * @param namespacesAre why namespaces are not managed here, e.g. "Kafka has none"
     * @param messagesAre   why a stored message cannot be updated, e.g. "a Kafka record cannot be changed"
     */
    protected QueueOnlyResourceManager(String driver, String namespacesAre, String messagesAre) {
        super(driver, messagesAre);
        this.namespacesAre = namespacesAre;
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

    private OMSNotSupportedException namespacesUnsupported() {
        return unsupported("namespaces: " + namespacesAre);
    }
}
