package io.openmessaging.omsconnect.driversupport.producer;

import io.openmessaging.BytesMessage;
import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.omsconnect.driversupport.message.TestMessage;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.SendResult;

import java.util.List;

/** A producer that sends nowhere: it logs each send with the properties it was given, and its shutdown. */
public final class FakeProducer extends AbstractProducer {
    private final KeyValue attributes;
    private final List<Object> log;

    public FakeProducer(KeyValue attributes, List<Object> log) {
        super("Fake", "fake-producer");
        this.attributes = attributes;
        this.log = log;
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
        log.add("producer shut down");
    }

    @Override
    public BytesMessage createBytesMessage(String queue, byte[] body) {
        return new TestMessage(queue, body);
    }

    @Override
    public SendResult send(Message message, KeyValue properties) {
        log.add("send");
        log.add(properties);
        return null;
    }

    @Override
    public Future<SendResult> sendAsync(Message message, KeyValue properties) {
        log.add("sendAsync");
        log.add(properties);
        return null;
    }

    @Override
    public void sendOneway(Message message, KeyValue properties) {
        log.add("sendOneway");
        log.add(properties);
    }

    @Override
    public BatchMessageSender createBatchMessageSender() {
        throw new UnsupportedOperationException();
    }
}
