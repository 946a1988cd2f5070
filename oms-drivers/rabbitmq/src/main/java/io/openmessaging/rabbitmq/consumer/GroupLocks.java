package io.openmessaging.rabbitmq.consumer;

import com.rabbitmq.client.Channel;
import io.openmessaging.rabbitmq.connection.BrokerConnection;
import io.openmessaging.rabbitmq.connection.BrokerErrors;
import io.openmessaging.rabbitmq.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who reads a stream for a consumer group. A stream is not a competing-consumer queue: two consumers
 * of one group reading it would both get every message. So one consumer per group and topic holds the
 * group's lock and reads; the others wait and take over when it goes.
 *
 * <p>The lock is the exclusive queue {@code T.G.lock}: RabbitMQ lets only the connection that declared
 * an exclusive queue declare it again (others get 405 RESOURCE_LOCKED) and deletes it when that
 * connection closes or dies (heartbeat timeout), so a crashed worker's lock frees itself. Consumers of
 * one access point share its connection, so this object also decides among them, by owner. One per
 * access point (connection); thread-safe.
 */
public final class GroupLocks {
    private static final Logger LOG = LoggerFactory.getLogger(GroupLocks.class);
    private static final int RESOURCE_LOCKED = 405;

    private final BrokerConnection connection;
    /** lock queue → the consumer of this connection holding it */
    private final Map<String, Object> owners = new ConcurrentHashMap<>();

    public GroupLocks(BrokerConnection connection) {
        this.connection = connection;
    }

    /**
     * Takes (or, for its owner, confirms after a reconnect) the lock of {@code group} on {@code topic};
     * false when another consumer, here or on another connection, holds it.
     */
    boolean tryAcquire(String topic, String group, Object owner) {
        String queue = Topology.lockQueue(topic, group);
        Object holder = owners.putIfAbsent(queue, owner);
        if (holder != null && holder != owner) {
            return false;
        }
        // on a channel of its own: the refusal closes the channel it ran on
        Channel channel = connection.openChannel();
        try {
            channel.queueDeclare(queue, false, true, false, null);
            return true;
        } catch (IOException | RuntimeException e) {
            owners.remove(queue, owner);
            if (Topology.isReplyCode(e, RESOURCE_LOCKED)) {
                return false;
            }
            throw BrokerErrors.failed("take the lock '" + queue + "' of group '" + group + "'", e);
        } finally {
            BrokerConnection.closeQuietly(channel);
        }
    }

    /** Frees the lock if {@code owner} holds it, so a waiting consumer takes over. */
    void release(String topic, String group, Object owner) {
        String queue = Topology.lockQueue(topic, group);
        if (!owners.remove(queue, owner)) {
            return;
        }
        if (!connection.isOpen()) {
            return; // the broker deleted it with the connection
        }
        Channel channel = null;
        try {
            channel = connection.openChannel();
            channel.queueDelete(queue);
        } catch (IOException | RuntimeException e) {
            // it goes with the connection at the latest
            LOG.warn("Could not delete the lock '{}' of group '{}': {}", queue, group, BrokerErrors.reason(e));
        } finally {
            BrokerConnection.closeQuietly(channel);
        }
    }
}
