package io.openmessaging.omsconnect.driversupport.consumer;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.consumer.PullConsumer;

/**
 * The parts of an OMS pull consumer that do not depend on the broker: its attributes, how long a
 * {@code receive} waits (the call's {@code TIMEOUT}, else the consumer's {@code OPERATION_TIMEOUT}, else
 * {@value #DEFAULT_RECEIVE_TIMEOUT_MS} ms), and the calls without properties, which are the calls with none
 * ({@code null}). A driver implements {@link #poll(long)}, attaching, acking and the lifecycle.
 */
public abstract class AbstractPullConsumer implements PullConsumer {
    /** How long a receive waits when neither the call nor the consumer's attributes say. */
    public static final long DEFAULT_RECEIVE_TIMEOUT_MS = 1000;

    private final KeyValue attributes;
    private final long receiveTimeoutMs;

    protected AbstractPullConsumer(KeyValue attributes) {
        this.attributes = attributes;
        this.receiveTimeoutMs = attributes.getLong(OMSBuiltinKeys.OPERATION_TIMEOUT, DEFAULT_RECEIVE_TIMEOUT_MS);
    }

    /** The next message within {@code timeoutMs}, or null. */
    protected abstract Message poll(long timeoutMs);

    @Override
    public final KeyValue attributes() {
        return attributes;
    }

    @Override
    public final PullConsumer attachQueue(String queueName) {
        return attachQueue(queueName, null);
    }

    /** The next message within OPERATION_TIMEOUT (default 1 s), or null. */
    @Override
    public final Message receive() {
        return poll(receiveTimeoutMs);
    }

    /** The next message within the TIMEOUT (ms) of {@code properties}, or null. */
    @Override
    public final Message receive(KeyValue properties) {
        return poll(properties == null ? receiveTimeoutMs : properties.getLong(Message.BuiltinKeys.TIMEOUT, receiveTimeoutMs));
    }

    @Override
    public final void ack(String receiptHandle) {
        ack(receiptHandle, null);
    }
}
