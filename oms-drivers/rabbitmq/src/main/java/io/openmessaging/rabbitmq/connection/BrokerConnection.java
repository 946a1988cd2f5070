package io.openmessaging.rabbitmq.connection;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.recovery.RecordedBinding;
import com.rabbitmq.client.impl.recovery.RecordedConsumer;
import com.rabbitmq.client.impl.recovery.RecordedExchange;
import com.rabbitmq.client.impl.recovery.RecordedQueue;
import com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter;
import io.openmessaging.exception.OMSRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * The one AMQP connection of an access point, shared by its producers, consumers and resource manager,
 * each on channels of its own. Automatic recovery is on: after a network failure the client reconnects
 * and the consumers resume (the exchanges and queues are durable: they outlive the connection and
 * need no re-declaring, which would fail anyway on the short-lived channels that declared them), except
 * consumers marked {@link #doNotRecover}: a stream consumer must resume from its group's committed
 * offset and under its group's lock, which only its owner can do, not from the offset it first asked for.
 * The first connect is
 * bounded by the connection timeout, so a broker that is gone fails {@link #open} quickly.
 */
public final class BrokerConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
    private static final int CLOSE_TIMEOUT_MS = 5_000;

    private final ConnectionSettings settings;
    private final Connection connection;
    private final Set<String> unrecovered;

    private BrokerConnection(ConnectionSettings settings, Connection connection, Set<String> unrecovered) {
        this.settings = settings;
        this.connection = connection;
        this.unrecovered = unrecovered;
    }

    /** Connects, or throws an {@link OMSRuntimeException} saying where and why not. */
    public static BrokerConnection open(ConnectionSettings settings, String clientName) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUsername(settings.username());
        factory.setPassword(settings.password());
        factory.setVirtualHost(settings.virtualHost());
        factory.setConnectionTimeout(settings.connectionTimeoutMs());
        factory.setHandshakeTimeout(settings.connectionTimeoutMs());
        factory.setShutdownTimeout(CLOSE_TIMEOUT_MS);
        factory.setRequestedHeartbeat(settings.heartbeatSeconds());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        Set<String> unrecovered = ConcurrentHashMap.newKeySet();
        factory.setTopologyRecoveryFilter(new ConsumersOnly(unrecovered));
        factory.setNetworkRecoveryInterval(2_000);
        factory.setThreadFactory(new NamedThreadFactory("oms-rabbitmq-" + clientName));
        try {
            Connection connection = factory.newConnection(settings.addresses(), clientName);
            LOG.info("Connected to RabbitMQ at {}", settings.describe());
            return new BrokerConnection(settings, connection, unrecovered);
        } catch (IOException | TimeoutException | RuntimeException e) {
            throw BrokerErrors.failed("connect to RabbitMQ at " + settings.describe(), e);
        }
    }

    /** A new channel; the caller owns and closes it. */
    public Channel openChannel() {
        try {
            Channel channel = connection.createChannel();
            if (channel == null) {
                throw new OMSRuntimeException("-1", "RabbitMQ at " + settings.describe() + " has no channel left (channel_max reached)");
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            if (e instanceof OMSRuntimeException oms) {
                throw oms;
            }
            throw BrokerErrors.failed("open a channel to RabbitMQ at " + settings.describe(), e);
        }
    }

    /** Excludes a consumer from the automatic recovery: its owner re-subscribes it after a reconnect. */
    public void doNotRecover(String consumerTag) {
        unrecovered.add(consumerTag);
    }

    /** Forgets a consumer marked by {@link #doNotRecover} once it was cancelled or its channel lost. */
    public void forgetConsumer(String consumerTag) {
        unrecovered.remove(consumerTag);
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        try {
            if (connection.isOpen()) {
                connection.close(CLOSE_TIMEOUT_MS);
            } else {
                // stops a recovery that may be running after a network failure
                connection.abort(CLOSE_TIMEOUT_MS);
            }
            LOG.info("Disconnected from RabbitMQ at {}", settings.describe());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Closing the connection to RabbitMQ at {} failed: {}", settings.describe(), BrokerErrors.reason(e));
        }
    }

    /** Recovers consumers only, and not those marked {@link #doNotRecover}; see the class comment. */
    private static final class ConsumersOnly implements TopologyRecoveryFilter {
        private final Set<String> unrecovered;

        ConsumersOnly(Set<String> unrecovered) {
            this.unrecovered = unrecovered;
        }

        @Override
        public boolean filterExchange(RecordedExchange recordedExchange) {
            return false;
        }

        @Override
        public boolean filterQueue(RecordedQueue recordedQueue) {
            return false;
        }

        @Override
        public boolean filterBinding(RecordedBinding recordedBinding) {
            return false;
        }

        @Override
        public boolean filterConsumer(RecordedConsumer recordedConsumer) {
            return !unrecovered.contains(recordedConsumer.getConsumerTag());
        }
    }

    /** Closes a channel quietly: it may already be closed by the broker or with the connection. */
    public static void closeQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debug("Closing channel {} failed: {}", channel.getChannelNumber(), BrokerErrors.reason(e));
        }
    }
}
