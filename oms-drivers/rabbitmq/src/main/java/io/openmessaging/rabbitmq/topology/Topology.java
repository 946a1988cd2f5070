package io.openmessaging.rabbitmq.topology;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.rabbitmq.connection.BrokerConnection;
import io.openmessaging.rabbitmq.connection.BrokerErrors;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How OMS queues and consumer groups map onto RabbitMQ, and the declarations that make them exist.
 *
 * <ul>
 *   <li>OMS queue (topic) {@code T} = durable fanout exchange {@code T}.</li>
 *   <li>Consumer group {@code G} of {@code T} = durable queue {@code T.G} bound to exchange {@code T}: every
 *       group receives every message; consumers of one group share its messages.</li>
 *   <li>The default group is named {@value #DEFAULT_GROUP}: {@code ResourceManager.createQueue(T)} declares
 *       its queue {@code T.default} so messages sent before any consumer attaches are kept somewhere.</li>
 * </ul>
 *
 * Every declaration is idempotent and runs on a short-lived channel of its own, because a failed
 * declaration (e.g. an existing exchange of another type) closes the channel it ran on. What this access
 * point declared is remembered: AMQP 0-9-1 cannot list a broker's exchanges or queues.
 */
public final class Topology {
    public static final String DEFAULT_GROUP = "default";
    /** Attribute choosing the group queues' type: {@code classic} (default) or {@code quorum}. */
    public static final String QUEUE_TYPE = "rabbitmq.queue.type";
    private static final int NOT_FOUND = 404;

    private final BrokerConnection connection;
    /** null for classic queues, so queues declared by other clients without arguments stay equivalent */
    private final Map<String, Object> queueArguments;
    /** topic → the group queues declared for it here */
    private final Map<String, Set<String>> declared = new ConcurrentHashMap<>();

    public Topology(BrokerConnection connection, String queueType) {
        this.connection = connection;
        this.queueArguments = queueType == null || queueType.isBlank() || queueType.equals("classic")
                ? null : Map.of("x-queue-type", queueType);
    }

    /** The queue of consumer group {@code group} on topic {@code topic}. */
    public static String groupQueue(String topic, String group) {
        return topic + "." + group;
    }

    /** Declares the topic's exchange (callers cache that they did: it costs a round trip). */
    public void declareTopic(String topic) {
        onNewChannel("declare exchange '" + topic + "'", channel -> {
            channel.exchangeDeclare(topic, BuiltinExchangeType.FANOUT, true, false, null);
            return null;
        });
        declared.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet());
    }

    /** Declares the topic's exchange and the group's queue bound to it; returns the queue name. */
    public String declareGroup(String topic, String group) {
        String queue = groupQueue(topic, group);
        // the exchange again too: it may have been deleted since this access point declared it
        onNewChannel("declare queue '" + queue + "' bound to exchange '" + topic + "'", channel -> {
            channel.exchangeDeclare(topic, BuiltinExchangeType.FANOUT, true, false, null);
            channel.queueDeclare(queue, true, false, false, queueArguments);
            channel.queueBind(queue, topic, "");
            return null;
        });
        declared.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(queue);
        return queue;
    }

    /** Whether the topic's exchange exists on the broker now. */
    public boolean topicExists(String topic) {
        return exists("check exchange '" + topic + "'", channel -> channel.exchangeDeclarePassive(topic));
    }

    /** Messages ready and consumers of a queue, or empty when the queue does not exist. */
    public Optional<AMQP.Queue.DeclareOk> queueState(String queue) {
        return Optional.ofNullable(passive("check queue '" + queue + "'", channel -> channel.queueDeclarePassive(queue)));
    }

    /** The group queues of the topic that this access point declared (others may exist, unseen). */
    public Set<String> knownGroupQueues(String topic) {
        return new TreeSet<>(declared.getOrDefault(topic, Set.of()));
    }

    /** The topics this access point declared. */
    public Set<String> knownTopics() {
        return new TreeSet<>(declared.keySet());
    }

    /** Deletes the topic's exchange and the group queues this access point knows for it. */
    public void deleteTopic(String topic) {
        Set<String> queues = knownGroupQueues(topic);
        onNewChannel("delete exchange '" + topic + "' and its queues " + queues, channel -> {
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
            channel.exchangeDelete(topic);
            return null;
        });
        declared.remove(topic);
    }

    /** Summary of what is known about a topic, for getQueueAttributes. */
    public Map<String, String> describe(String topic) {
        Map<String, String> description = new LinkedHashMap<>();
        description.put("exchange", topic);
        description.put("exchange.type", "fanout");
        for (String queue : knownGroupQueues(topic)) {
            queueState(queue).ifPresent(state -> {
                description.put("queue." + queue + ".messages", String.valueOf(state.getMessageCount()));
                description.put("queue." + queue + ".consumers", String.valueOf(state.getConsumerCount()));
            });
        }
        return description;
    }

    private boolean exists(String action, ChannelCall<?> call) {
        return passive(action, call) != null;
    }

    /** Runs a passive declaration: its 404 (which closes the channel) means "absent", returned as null. */
    private <T> T passive(String action, ChannelCall<T> call) {
        Channel channel = connection.openChannel();
        try {
            return call.run(channel);
        } catch (IOException e) {
            if (isNotFound(e)) {
                return null;
            }
            throw BrokerErrors.failed(action, e);
        } catch (RuntimeException e) {
            throw BrokerErrors.failed(action, e);
        } finally {
            BrokerConnection.closeQuietly(channel);
        }
    }

    private <T> T onNewChannel(String action, ChannelCall<T> call) {
        Channel channel = connection.openChannel();
        try {
            return call.run(channel);
        } catch (IOException | RuntimeException e) {
            if (e instanceof OMSRuntimeException oms) {
                throw oms;
            }
            throw BrokerErrors.failed(action, e);
        } finally {
            BrokerConnection.closeQuietly(channel);
        }
    }

    /** Whether a channel-level failure is the broker's 404 NOT_FOUND. */
    public static boolean isNotFound(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof com.rabbitmq.client.ShutdownSignalException signal
                    && signal.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == NOT_FOUND) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface ChannelCall<T> {
        T run(Channel channel) throws IOException;
    }
}
