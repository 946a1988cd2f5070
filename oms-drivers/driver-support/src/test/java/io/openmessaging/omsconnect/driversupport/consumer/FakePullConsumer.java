package io.openmessaging.omsconnect.driversupport.consumer;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.consumer.PullConsumer;

import java.util.ArrayList;
import java.util.List;

/** A pull consumer that receives nothing: it records the calls its base class makes. */
public final class FakePullConsumer extends AbstractPullConsumer {
    public final List<Object> calls = new ArrayList<>();
    private final Runnable onShutdown;
    private boolean closed;

    public FakePullConsumer(KeyValue attributes, Runnable onShutdown) {
        super(attributes);
        this.onShutdown = onShutdown;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    protected Message poll(long timeoutMs) {
        calls.add("poll " + timeoutMs);
        return null;
    }

    @Override
    public PullConsumer attachQueue(String queueName, KeyValue properties) {
        calls.add("attach " + queueName);
        calls.add(properties);
        return this;
    }

    @Override
    public PullConsumer detachQueue(String queueName) {
        return this;
    }

    @Override
    public void ack(String receiptHandle, KeyValue properties) {
        calls.add("ack " + receiptHandle);
        calls.add(properties);
    }

    @Override
    public void startup() {
    }

    @Override
    public void shutdown() {
        closed = true;
        onShutdown.run();
    }
}
