package io.openmessaging.rabbitmq.consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.rabbitmq.connection.BrokerConnection;
import io.openmessaging.rabbitmq.connection.BrokerErrors;
import io.openmessaging.rabbitmq.topology.Topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/**
 * The committed offsets of consumer groups on streams, kept by RabbitMQ itself: the broker does not track
 * offsets for AMQP 0-9-1 consumers of a stream. A group's offset on topic {@code T} is the body (decimal
 * text) of the one message in the durable queue {@code T.G.offset} ({@code x-max-length} 1: each new
 * offset pushes the older one out). Writes are persistent and wait for the broker's confirm; reads
 * {@code basic.get} the message and put it back ({@code basic.reject} with requeue). Only the group's
 * lock holder writes, so offsets never go back through a race between two consumers.
 * One confirm channel of its own, reopened after a failure; thread-safe.
 */
final class GroupOffsets {
    private static final int PERSISTENT = 2;

    private final BrokerConnection connection;
    private final Topology topology;
    private final long confirmTimeoutMs;
    private Channel channel; // guarded by this

    GroupOffsets(BrokerConnection connection, Topology topology, long confirmTimeoutMs) {
        this.connection = connection;
        this.topology = topology;
        this.confirmTimeoutMs = confirmTimeoutMs;
    }

    /** The group's committed offset on the topic's stream, or {@link StreamPosition#UNKNOWN} for a new group. */
    synchronized long read(String topic, String group) {
        String queue = topology.declareOffsetQueue(topic, group);
        Channel current = channel();
        try {
            GetResponse response = current.basicGet(queue, false);
            if (response == null) {
                return StreamPosition.UNKNOWN;
            }
            current.basicReject(response.getEnvelope().getDeliveryTag(), true);
            String text = new String(response.getBody(), StandardCharsets.UTF_8).trim();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new OMSRuntimeException("-1", "Queue '" + queue + "' holds '" + text + "', not the offset of group '"
                        + group + "' on topic '" + topic + "'; delete it to restart the group at the first message");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof OMSRuntimeException oms) {
                throw oms;
            }
            throw BrokerErrors.failed("read the offset of group '" + group + "' on topic '" + topic + "'", e);
        }
    }

    /** Stores the group's committed offset; returns once the broker confirmed it. */
    synchronized void write(String topic, String group, long offset) {
        String queue = Topology.offsetQueue(topic, group);
        Channel current = channel();
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().deliveryMode(PERSISTENT)
                .contentType("text/plain").build();
        try {
            current.basicPublish("", queue, true, properties, Long.toString(offset).getBytes(StandardCharsets.UTF_8));
            current.waitForConfirmsOrDie(confirmTimeoutMs);
        } catch (IOException | TimeoutException | RuntimeException e) {
            throw BrokerErrors.failed("store offset " + offset + " of group '" + group + "' on topic '" + topic + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OMSRuntimeException("-1", "Interrupted while storing the offset of group '" + group + "' on topic '" + topic + "'", e);
        }
    }

    synchronized void close() {
        BrokerConnection.closeQuietly(channel);
        channel = null;
    }

    /** The channel, a new one after the old was closed (a failed wait for confirms closes it). */
    private Channel channel() {
        if (channel == null || !channel.isOpen()) {
            BrokerConnection.closeQuietly(channel);
            Channel opened = connection.openChannel();
            try {
                opened.confirmSelect();
            } catch (IOException | RuntimeException e) {
                BrokerConnection.closeQuietly(opened);
                throw BrokerErrors.failed("enable publisher confirms for consumer offsets", e);
            }
            channel = opened;
        }
        return channel;
    }
}
