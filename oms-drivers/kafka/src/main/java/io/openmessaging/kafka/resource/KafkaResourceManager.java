package io.openmessaging.kafka.resource;

import io.openmessaging.KeyValue;
import io.openmessaging.exception.OMSResourceNotExistException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.kafka.client.KafkaErrors;
import io.openmessaging.omsconnect.driversupport.resource.QueueOnlyResourceManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * OMS queues are Kafka topics, managed through Kafka's {@link Admin} client:
 * <ul>
 *   <li>{@link #createQueue}: a topic with {@value #PARTITIONS} partitions and {@value #REPLICATION_FACTOR}
 *       replicas (the broker's defaults when not given); every other attribute with a dot in its name is a
 *       topic config ({@code cleanup.policy=compact}, {@code retention.ms} …). A topic that exists already is
 *       left as it is. A consumer group ({@code CONSUMER_ID}) needs nothing made: a new group starts at the
 *       first message the topic keeps.</li>
 *   <li>{@link #getQueueAttributes}: {@value #PARTITIONS}, {@value #REPLICATION_FACTOR}, {@code topic.id} and the
 *       topic's configs that are not the broker's defaults.</li>
 *   <li>{@link #setQueueAttributes}: sets topic configs; a larger {@value #PARTITIONS} adds partitions.</li>
 *   <li>{@link #deleteQueue}, {@link #listQueues} (the cluster's topics but Kafka's internal ones).</li>
 * </ul>
 * Kafka has no namespaces: the URL's namespace is a name only ({@link #listQueues} accepts it, or none).
 * Routings, streams and message updates are not supported.
 */
public final class KafkaResourceManager extends QueueOnlyResourceManager {
    public static final String PARTITIONS = "partitions";
    public static final String REPLICATION_FACTOR = "replication.factor";

    private final Admin admin;
    private final String namespace;
    private final long timeoutMs;

    /** @param timeoutMs how long each call waits for Kafka's answer */
    public KafkaResourceManager(Admin admin, String namespace, long timeoutMs) {
        super("Kafka", "Kafka has none; the URL's namespace is a name only", "a Kafka record cannot be changed");
        this.admin = admin;
        this.namespace = namespace;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void createQueue(String topic, KeyValue attributes) {
        KeyValue given = attributes == null ? new DefaultKeyValue() : attributes;
        Optional<Integer> partitions = given.containsKey(PARTITIONS) ? Optional.of(given.getInt(PARTITIONS)) : Optional.empty();
        Optional<Short> replicas = given.containsKey(REPLICATION_FACTOR) ? Optional.of((short) given.getInt(REPLICATION_FACTOR)) : Optional.empty();
        NewTopic newTopic = new NewTopic(topic, partitions, replicas).configs(topicConfigs(given));
        try {
            await(admin.createTopics(List.of(newTopic)).all(), "creating topic '" + topic + "'");
        } catch (OMSRuntimeException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    @Override
    public KeyValue getQueueAttributes(String topic) throws OMSResourceNotExistException {
        TopicDescription description = describe(topic);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = await(admin.describeConfigs(List.of(resource)).all(), "describing topic '" + topic + "'").get(resource);
        KeyValue attributes = new DefaultKeyValue();
        attributes.put(PARTITIONS, description.partitions().size());
        attributes.put(REPLICATION_FACTOR, description.partitions().get(0).replicas().size());
        attributes.put("topic.id", description.topicId().toString());
        for (ConfigEntry entry : config.entries()) {
            if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && entry.value() != null) {
                attributes.put(entry.name(), entry.value());
            }
        }
        return attributes;
    }

    @Override
    public void setQueueAttributes(String topic, KeyValue attributes) throws OMSResourceNotExistException {
        TopicDescription description = describe(topic);
        if (attributes.containsKey(PARTITIONS) && attributes.getInt(PARTITIONS) != description.partitions().size()) {
            await(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(attributes.getInt(PARTITIONS)))).all(),
                    "setting the partitions of topic '" + topic + "' to " + attributes.getInt(PARTITIONS));
        }
        List<AlterConfigOp> changes = new ArrayList<>();
        topicConfigs(attributes).forEach((name, value) -> changes.add(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET)));
        if (!changes.isEmpty()) {
            await(admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), changes)).all(),
                    "changing the configs of topic '" + topic + "'");
        }
    }

    @Override
    public void deleteQueue(String topic) throws OMSResourceNotExistException {
        try {
            await(admin.deleteTopics(List.of(topic)).all(), "deleting topic '" + topic + "'");
        } catch (OMSRuntimeException e) {
            if (KafkaErrors.isUnknownTopic(e.getCause())) {
                throw KafkaErrors.unknownTopic(topic);
            }
            throw e;
        }
    }

    @Override
    public List<String> listQueues(String nsName) throws OMSResourceNotExistException {
        if (nsName != null && !nsName.isEmpty() && !nsName.equals(namespace)) {
            throw new OMSResourceNotExistException("-1", "Namespace '" + nsName + "' is not this access point's ('" + namespace
                    + "'): Kafka has no namespaces");
        }
        return await(admin.listTopics().names(), "listing topics").stream().sorted().toList();
    }

    private TopicDescription describe(String topic) throws OMSResourceNotExistException {
        try {
            return await(admin.describeTopics(List.of(topic)).allTopicNames(), "describing topic '" + topic + "'").get(topic);
        } catch (OMSRuntimeException e) {
            if (KafkaErrors.isUnknownTopic(e.getCause())) {
                throw KafkaErrors.unknownTopic(topic);
            }
            throw e;
        }
    }

    /** The attributes that are topic configs: those with a dot in the name, but the partitions and replicas. */
    private static Map<String, String> topicConfigs(KeyValue attributes) {
        Map<String, String> configs = new HashMap<>();
        for (String key : attributes.keySet()) {
            if (key.indexOf('.') > 0 && !key.equals(REPLICATION_FACTOR)) {
                configs.put(key, attributes.getString(key));
            }
        }
        return configs;
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OMSRuntimeException("-1", "Interrupted while " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw KafkaErrors.failed("Kafka " + what, e);
        }
    }
}
