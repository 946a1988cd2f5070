package io.openmessaging.rabbitmq.producer;

import com.rabbitmq.client.AMQP;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSRuntimeException;

/**
 * A confirmed send on its way to the broker: what to publish (again, after a nack or a lost channel),
 * the future waiting for the broker's confirm, and until when it may be retried (the send's timeout).
 */
final class Outgoing {
    final Message original;
    final String topic;
    final String id;
    final AMQP.BasicProperties properties;
    final byte[] body;
    final SendFuture future;
    final long deadlineNanos;
    /** publishes so far; touched by the producer's publishing and retry threads under its publish lock */
    int attempts;
    /** why the broker returned it (mandatory flag): written by the return and read by the ack, both on the connection's thread */
    volatile String returned;

    Outgoing(Message original, String topic, String id, AMQP.BasicProperties properties, byte[] body, SendFuture future,
             long deadlineNanos) {
        this.original = original;
        this.topic = topic;
        this.id = id;
        this.properties = properties;
        this.body = body;
        this.future = future;
        this.deadlineNanos = deadlineNanos;
    }

    void confirmed() {
        future.set(new SendResultImpl(id));
    }

    void fail(String reason) {
        future.setFailure(new OMSRuntimeException("-1", "Send of message " + id + " to '" + topic + "' failed: " + reason));
    }
}
