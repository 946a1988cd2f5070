package io.openmessaging.omsconnect.convert;

import io.openmessaging.BytesMessage;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.internal.DefaultKeyValue;

/** A driver's message, as far as the codec sees one. */
public final class TestMessage implements BytesMessage {
    private final KeyValue sys = new DefaultKeyValue();
    private final KeyValue user = new DefaultKeyValue();
    private byte[] body;

    public TestMessage(String queue, byte[] body) {
        this.body = body;
        sys.put(Message.BuiltinKeys.DESTINATION, queue);
    }

    @Override
    public BytesMessage setBody(byte[] body) {
        this.body = body;
        return this;
    }

    @Override
    public KeyValue sysHeaders() {
        return sys;
    }

    @Override
    public KeyValue userHeaders() {
        return user;
    }

    @Override
    public Message putSysHeaders(String key, int value) {
        sys.put(key, value);
        return this;
    }

    @Override
    public Message putSysHeaders(String key, long value) {
        sys.put(key, value);
        return this;
    }

    @Override
    public Message putSysHeaders(String key, double value) {
        sys.put(key, value);
        return this;
    }

    @Override
    public Message putSysHeaders(String key, String value) {
        sys.put(key, value);
        return this;
    }

    @Override
    public Message putUserHeaders(String key, int value) {
        user.put(key, value);
        return this;
    }

    @Override
    public Message putUserHeaders(String key, long value) {
        user.put(key, value);
        return this;
    }

    @Override
    public Message putUserHeaders(String key, double value) {
        user.put(key, value);
        return this;
    }

    @Override
    public Message putUserHeaders(String key, String value) {
        user.put(key, value);
        return this;
    }

    @Override
    public <T> T getBody(Class<T> type) {
        return type.cast(body);
    }
}
