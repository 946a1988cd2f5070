package io.openmessaging.rabbitmq.topology;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.rabbitmq.connection.BrokerConnection;
import io.openmessaging.rabbitmq.connection.BrokerErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How OMS queues and consumer groups map onto RabbitMQ, and the declarations that make them exist.
 * Two layouts, chosen by {@value #QUEUE_TYPE}:
 *
 * <ul>
 *   <li>{@code stream} (default): OMS queue (topic) {@code T} = durable stream queue {@code T}, bound to the
 *       durable fanout exchange {@code T} (so plain AMQP publishers to the exchange still reach it). A stream
 *       keeps every message (up to its {@link StreamRetention}) whether or not a group exists; each consumer
 *       group reads it at its own position, stored in queue {@code T.G.offset} (see {@code GroupOffsets}),
 *       one consumer of the group at a time (lock queue {@code T.G.lock}, see {@code GroupLocks}).</li>
 *   <li>{@code classic} or {@code quorum}: consumer group {@code G} of {@code T} = durable queue {@code T.G}
 *       bound to exchange {@code T}: every group receives every message sent after its queue existed;
 *       consumers of one group share its messages. {@code ResourceManager.createQueue(T)} declares the
 *       default group's queue {@code T.default} ({@value #DEFAULT_GROUP}).</li>
 * </ul>
 *
 * Every declaration is idempotent and runs on a short-lived channel of its own, because a failed
 * declaration (e.g. an existing exchange of another type) closes the channel it ran on. What this access
 * point declared is remembered: AMQP 0-9-1 cannot list a broker's exchanges or queues.
 */
public final class Topology {
    private static final Logger LOG = LoggerFactory.getLogger(Topology.class);
    public static final String DEFAULT_GROUP = "default";
    /** Attribute choosing the layout: {@code stream} (default), {@code classic} or {@code quorum}. */
    public static final String QUEUE_TYPE = "rabbitmq.queue.type";
    public static final String STREAM = "stream";
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 406;

    private final BrokerConnection connection;
    private final boolean streams;
    private final StreamRetention retention;
    /** group queues: null for classic queues, so queues declared by other clients without arguments stay equivalent */
    private final Map<String, Object> queueArguments;
    /** topic → the group queues (or, with streams, the group offset queues) declared for it here */
    private final Map<String, Set<String>> declared = new ConcurrentHashMap<>();
    /** topic → the monitor its stream declarations hold: one at a time per topic (see {@link #declareStream}) */
    private final Map<String, Object> streamDeclarations = new ConcurrentHashMap<>();
    /** streams found with other arguments than ours: warned about once */
    private final Set<String> foreignStreams = ConcurrentHashMap.newKeySet();

    public Topology(BrokerConnection connection, String queueType, StreamRetention retention) {
        this.connection = connection;
        String type = queueType == null || queueType.isBlank() ? STREAM : queueType.trim();
        if (!List.of(STREAM, "classic", "quorum").contains(type)) {
            throw new OMSRuntimeException("-1", QUEUE_TYPE + " '" + queueType + "' is not stream, classic or quorum");
        }
        this.streams = type.equals(STREAM);
        this.retention = retention;
        this.queueArguments = type.equals("classic") || streams ? null : Map.of("x-queue-type", type);
    }

    /** Whether topics are streams (the default layout) rather than a queue per group. */
    public boolean streams() {
        return streams;
    }

    /** The queue of consumer group {@code group} on topic {@code topic} (classic and quorum layouts). */
    public static String groupQueue(String topic, String group) {
        return topic + "." + group;
    }

    /** The queue holding the committed offset of {@code group} on the stream of {@code topic}. */
    public static String offsetQueue(String topic, String group) {
        return topic + "." + group + ".offset";
    }

    /** The exclusive queue whose owner is the one consumer of {@code group} reading the stream of {@code topic}. */
    public static String lockQueue(String topic, String group) {
        return topic + "." + group + ".lock";
    }

    /**
     * Declares the topic's exchange and, in the stream layout, its stream bound to it (callers cache that
     * they did: it costs round trips). Returns the queue to consume in the stream layout, else null.
     */
    public String declareTopic(String topic) {
        onNewChannel("declare exchange '" + topic + "'", channel -> {
            channel.exchangeDeclare(topic, BuiltinExchangeType.FANOUT, true, false, null);
            return null;
        });
        if (streams) {
            declareStream(topic);
        }
        declared.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet());
        return streams ? topic : null;
    }

    /**
     * The stream, with our retention; one that exists with other arguments (another retention, set by
     * another access point or a policy) is used as it is: RabbitMQ cannot change a queue's arguments.
     */
    private void declareStream(String topic) {
        // One at a time per topic. RabbitMQ before 4.0.5 (rabbitmq-server#12969) answers a declaration that
        // arrives while another is still creating the stream at once, before the stream's writer is up; had
        // that caller bound the stream then, the exchange would route to a stream with no writer and the broker
        // would close the connection of every publisher to it (541 INTERNAL_ERROR, or 506 "Stream not found").
        // A source and a sink of one topic in one worker declare it together: measured on 3.10, 15 of 100
        // racing declarations crashed a publisher, 0 of 100 serialized ones (RabbitMqStreamsIT).
        synchronized (streamDeclarations.computeIfAbsent(topic, t -> new Object())) {
            declareAndBindStream(topic);
        }
    }

    private void declareAndBindStream(String topic) {
        try {
            onNewChannel("declare stream '" + topic + "'", channel -> {
                channel.queueDeclare(topic, true, false, false, retention.queueArguments());
                return null;
            });
        } catch (OMSRuntimeException e) {
            if (!isReplyCode(e, PRECONDITION_FAILED)) {
                throw e;
            }
            passive("check queue '" + topic + "'", channel -> channel.queueDeclarePassive(topic));
            if (foreignStreams.add(topic)) {
                LOG.warn("Queue '{}' exists with other arguments than this access point's ({}): it is used as it is, "
                        + "its retention unchanged (RabbitMQ cannot change a queue's arguments; use a policy)", topic, e.getMessage());
            }
        }
        onNewChannel("bind stream '" + topic + "' to exchange '" + topic + "'", channel -> {
            channel.queueBind(topic, topic, "");
            return null;
        });
    }

    /** Declares the topic's exchange and the group's queue bound to it (classic and quorum layouts); returns the queue name. */
    public String declareGroup(String topic, String group) {
        if (streams) {
            declareTopic(topic);
            declareOffsetQueue(topic, group);
            return topic;
        }
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

    /**
     * The durable queue holding a group's committed offset: {@code x-max-length} 1 makes RabbitMQ drop the
     * older offset when a newer one arrives, so it holds only the latest.
     */
    public String declareOffsetQueue(String topic, String group) {
        String queue = offsetQueue(topic, group);
        onNewChannel("declare offset queue '" + queue + "'", channel -> {
            channel.queueDeclare(queue, true, false, false, Map.of("x-max-length", 1));
            return null;
        });
        declared.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(queue);
        return queue;
    }

    /** The retention streams are declared with here. */
    public StreamRetention retention() {
        return retention;
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

    /** Deletes the topic's exchange, its stream, and the group (or group offset) queues this access point knows for it. */
    public void deleteTopic(String topic) {
        Set<String> queues = knownGroupQueues(topic);
        onNewChannel("delete exchange '" + topic + "' and its queues " + queues, channel -> {
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
            if (streams) {
                channel.queueDelete(topic);
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
        description.put("queue.type", streams ? STREAM : queueArguments == null ? "classic" : "quorum");
        if (streams) {
            description.put("stream", topic);
            description.put("stream.retention", foreignStreams.contains(topic) ? "as declared elsewhere" : retention.describe());
        }
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
        return isReplyCode(error, NOT_FOUND);
    }

    /** Whether a failure is the broker closing the channel with {@code replyCode}. */
    public static boolean isReplyCode(Throwable error, int replyCode) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof com.rabbitmq.client.ShutdownSignalException signal
                    && signal.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == replyCode) {
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
