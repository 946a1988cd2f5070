package io.openmessaging.kafka.message;

import io.openmessaging.BytesMessage;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSMessageFormatException;
import io.openmessaging.internal.DefaultKeyValue;

/**
 * An OMS message of bytes, as sent and as received; a null body is a Kafka tombstone (a record without a
 * value). Not thread-safe, like the OMS API's messages.
 */
public final class KafkaBytesMessage implements BytesMessage {
    private final KeyValue sys;
    private final KeyValue user = new DefaultKeyValue();
    private byte[] body;

    public KafkaBytesMessage(String topic, byte[] body) {
        this.sys = new DefaultKeyValue();
        if (topic != null) {
            sys.put(Message.BuiltinKeys.DESTINATION, topic);
        }
        this.body = body;
    }

    private KafkaBytesMessage(byte[] body, KeyValue sys) {
        this.sys = sys;
        this.body = body;
    }

    /** A received message, whose system headers are read off its record ({@link ReceivedSysHeaders}). */
    static KafkaBytesMessage received(ReceivedSysHeaders sys, byte[] body) {
        return new KafkaBytesMessage(body, sys);
    }

    @Override
    public <T> T getBody(Class<T> type) {
        if (!type.isAssignableFrom(byte[].class)) {
            throw new OMSMessageFormatException("-1", "The body of a Kafka message is byte[], not " + type.getName());
        }
        return type.cast(body);
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
    public String toString() {
        return "KafkaBytesMessage{" + sys.getString(Message.BuiltinKeys.DESTINATION) + ", id="
                + sys.getString(Message.BuiltinKeys.MESSAGE_ID) + ", " + (body == null ? "no value" : body.length + " bytes") + "}";
    }
}
