package io.openmessaging.rabbitmq.message;

import io.openmessaging.BytesMessage;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSMessageFormatException;
import io.openmessaging.internal.DefaultKeyValue;

/** An OMS message whose body is bytes, as sent and as received. Not thread-safe, like the OMS API's own. */
public final class BytesMessageImpl implements BytesMessage {
    private final KeyValue sysHeaders = new DefaultKeyValue();
    private final KeyValue userHeaders = new DefaultKeyValue();
    private byte[] body;

    public BytesMessageImpl(String destination, byte[] body) {
        if (destination != null) {
            sysHeaders.put(Message.BuiltinKeys.DESTINATION, destination);
        }
        this.body = body;
    }

    @Override
    public <T> T getBody(Class<T> type) throws OMSMessageFormatException {
        if (type.isAssignableFrom(byte[].class)) {
            return type.cast(body);
        }
        throw new OMSMessageFormatException("-1", "A BytesMessage body is byte[], not " + type.getName());
    }

    @Override
    public BytesMessage setBody(byte[] body) {
        this.body = body;
        return this;
    }

    @Override
    public KeyValue sysHeaders() {
        return sysHeaders;
    }

    @Override
    public KeyValue userHeaders() {
        return userHeaders;
    }

    @Override
    public Message putSysHeaders(String key, int value) {
        sysHeaders.put(key, value);
        return this;
    }

    @Override
    public Message putSysHeaders(String key, long value) {
        sysHeaders.put(key, value);
        return this;
    }

    @Override
    public Message putSysHeaders(String key, double value) {
        sysHeaders.put(key, value);
        return this;
    }

    @Override
    public Message putSysHeaders(String key, String value) {
        sysHeaders.put(key, value);
        return this;
    }

    @Override
    public Message putUserHeaders(String key, int value) {
        userHeaders.put(key, value);
        return this;
    }

    @Override
    public Message putUserHeaders(String key, long value) {
        userHeaders.put(key, value);
        return this;
    }

    @Override
    public Message putUserHeaders(String key, double value) {
        userHeaders.put(key, value);
        return this;
    }

    @Override
    public Message putUserHeaders(String key, String value) {
        userHeaders.put(key, value);
        return this;
    }

    @Override
    public String toString() {
        return "BytesMessage{" + sysHeaders.getString(Message.BuiltinKeys.DESTINATION) + ", id="
                + sysHeaders.getString(Message.BuiltinKeys.MESSAGE_ID) + ", " + (body == null ? 0 : body.length) + " bytes}";
    }
}
