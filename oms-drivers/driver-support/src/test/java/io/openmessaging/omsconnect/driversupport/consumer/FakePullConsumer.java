package io.openmessaging.omsconnect.driversupport.consumer;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.consumer.PullConsumer;

import java.util.List;

/** A pull consumer that receives nothing: it logs the calls its base class makes, and its shutdown. */
public final class FakePullConsumer extends AbstractPullConsumer {
    private final List<Object> log;

    public FakePullConsumer(KeyValue attributes, List<Object> log) {
        super(attributes);
        this.log = log;
    }

    @Override
    protected Message poll(long timeoutMs) {
        log.add("poll " + timeoutMs);
        return null;
    }

    @Override
    public PullConsumer attachQueue(String queueName, KeyValue properties) {
        log.add("attach " + queueName);
        log.add(properties);
        return this;
    }

    @Override
    public PullConsumer detachQueue(String queueName) {
        return this;
    }

    @Override
    public void ack(String receiptHandle, KeyValue properties) {
        log.add("ack " + receiptHandle);
        log.add(properties);
    }

    @Override
    public void startup() {
    }

    @Override
    public void shutdown() {
        log.add("consumer shut down");
    }
}
