package io.openmessaging.rabbitmq.resource;

import io.openmessaging.KeyValue;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.exception.OMSResourceNotExistException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.driversupport.resource.QueueOnlyResourceManager;
import io.openmessaging.rabbitmq.topology.Topology;

import java.util.List;
import java.util.Map;

/**
 * OMS queues over RabbitMQ, with AMQP 0-9-1 only (no management HTTP API):
 * <ul>
 *   <li>{@link #createQueue} declares the topic's fanout exchange and its stream (plus the offset queue of
 *       group {@code CONSUMER_ID} when given; a group with no stored offset starts at the first message anyway).
 *       In the classic and quorum layouts: the exchange and the queue of group {@code CONSUMER_ID}, else of the
 *       default group {@value Topology#DEFAULT_GROUP} (queue {@code T.default}), so what is sent before
 *       consumers attach is kept for that group.</li>
 *   <li>{@link #deleteQueue} deletes the exchange, the stream and the group (offset) queues this access point
 *       declared; queues of groups declared elsewhere stay.</li>
 *   <li>{@link #listQueues} lists the topics this access point declared (by createQueue, a send or an
 *       attach) that still exist: AMQP cannot enumerate a broker's exchanges.</li>
 *   <li>{@link #getQueueAttributes} tells the exchange and the known group queues' message and consumer counts.</li>
 * </ul>
 * Namespaces are virtual hosts, chosen in the URL and managed with RabbitMQ's tools; they, routings,
 * streams and message updates are not supported.
 */
public final class ResourceManagerImpl extends QueueOnlyResourceManager {
    private final Topology topology;
    private final String virtualHost;

    public ResourceManagerImpl(Topology topology, String virtualHost) {
        super("RabbitMQ", "the namespace is the RabbitMQ vhost named in the URL, managed with RabbitMQ's tools",
                "a stored AMQP message cannot be changed");
        this.topology = topology;
        this.virtualHost = virtualHost;
    }

    @Override
    public void createQueue(String queueName, KeyValue attributes) {
        String group = attributes == null ? null : attributes.getString(OMSBuiltinKeys.CONSUMER_ID);
        boolean noGroup = group == null || group.isBlank();
        if (topology.streams() && noGroup) {
            topology.declareTopic(queueName); // the stream keeps every message for whichever group comes
        } else {
            topology.declareGroup(queueName, noGroup ? Topology.DEFAULT_GROUP : group);
        }
    }

    @Override
    public KeyValue getQueueAttributes(String queueName) throws OMSResourceNotExistException {
        checkExists(queueName);
        KeyValue attributes = new DefaultKeyValue();
        for (Map.Entry<String, String> entry : topology.describe(queueName).entrySet()) {
            attributes.put(entry.getKey(), entry.getValue());
        }
        return attributes;
    }

    @Override
    public void deleteQueue(String queueName) throws OMSResourceNotExistException {
        checkExists(queueName);
        topology.deleteTopic(queueName);
    }

    @Override
    public List<String> listQueues(String nsName) throws OMSResourceNotExistException {
        if (nsName != null && !nsName.isEmpty() && !virtualHost.equals(normalize(nsName))) {
            throw new OMSResourceNotExistException("-1", "Namespace '" + nsName + "' is not this access point's vhost '"
                    + virtualHost + "'");
        }
        return topology.knownTopics().stream().filter(topology::topicExists).toList();
    }

    @Override
    public void setQueueAttributes(String queueName, KeyValue attributes) {
        throw unsupported("setQueueAttributes: exchanges and queues are immutable in RabbitMQ");
    }

    private void checkExists(String queueName) throws OMSResourceNotExistException {
        if (!topology.topicExists(queueName)) {
            throw new OMSResourceNotExistException("-1", "Queue '" + queueName + "' (exchange) does not exist in vhost '"
                    + virtualHost + "'");
        }
    }

    private static String normalize(String nsName) {
        return nsName.equals("default") || nsName.equalsIgnoreCase("%2F") ? "/" : nsName;
    }
}
