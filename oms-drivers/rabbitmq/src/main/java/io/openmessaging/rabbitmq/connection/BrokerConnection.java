package io.openmessaging.rabbitmq.connection;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.openmessaging.exception.OMSRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * The one AMQP connection of an access point, shared by its producers, consumers and resource manager,
 * each on channels of its own. Automatic recovery is on: after a network failure the client reconnects
 * and re-declares what was declared on the connection, and consumers resume. The first connect is
 * bounded by the connection timeout, so a broker that is gone fails {@link #open} quickly.
 */
public final class BrokerConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
    private static final int CLOSE_TIMEOUT_MS = 5_000;

    private final ConnectionSettings settings;
    private final Connection connection;

    private BrokerConnection(ConnectionSettings settings, Connection connection) {
        this.settings = settings;
        this.connection = connection;
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
        factory.setNetworkRecoveryInterval(2_000);
        factory.setThreadFactory(new NamedThreadFactory("oms-rabbitmq-" + clientName));
        try {
            Connection connection = factory.newConnection(settings.addresses(), clientName);
            LOG.info("Connected to RabbitMQ at {}", settings.describe());
            return new BrokerConnection(settings, connection);
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
