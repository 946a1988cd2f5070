package io.openmessaging.omsconnect.driversupport.producer;

import io.openmessaging.BytesMessage;
import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.omsconnect.driversupport.message.TestMessage;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.SendResult;

import java.util.ArrayList;
import java.util.List;

/** A producer that sends nowhere: it records each send with the properties it was given. */
public final class FakeProducer extends AbstractProducer {
    /** "send", "sendAsync" or "sendOneway", each with its properties */
    public final List<Object> sends = new ArrayList<>();
    private final KeyValue attributes;
    private final Runnable onShutdown;
    private boolean closed;

    public FakeProducer(KeyValue attributes, Runnable onShutdown) {
        super("Fake", "fake-producer");
        this.attributes = attributes;
        this.onShutdown = onShutdown;
    }

    public boolean isClosed() {
        return closed;
    }

    /** The chain the driver would call around its sends. */
    public InterceptorChain chain() {
        return interceptors();
    }

    @Override
    public KeyValue attributes() {
        return attributes;
    }

    @Override
    public void startup() {
    }

    @Override
    public void shutdown() {
        closed = true;
        onShutdown.run();
    }

    @Override
    public BytesMessage createBytesMessage(String queue, byte[] body) {
        return new TestMessage(queue, body);
    }

    @Override
    public SendResult send(Message message, KeyValue properties) {
        sends.add("send");
        sends.add(properties);
        return null;
    }

    @Override
    public Future<SendResult> sendAsync(Message message, KeyValue properties) {
        sends.add("sendAsync");
        sends.add(properties);
        return null;
    }

    @Override
    public void sendOneway(Message message, KeyValue properties) {
        sends.add("sendOneway");
        sends.add(properties);
    }

    @Override
    public BatchMessageSender createBatchMessageSender() {
        throw new UnsupportedOperationException();
    }
}
