package io.openmessaging.local.message;

import io.openmessaging.BytesMessage;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSMessageFormatException;

/** A message of this driver: a byte body with system and user headers. Not thread-safe. */
public final class LocalBytesMessage implements BytesMessage {

    private final KeyValue sysHeaders;
    private final KeyValue userHeaders;
    private byte[] body;

    public LocalBytesMessage(byte[] body) {
        this(body, new Headers(), new Headers());
    }

    LocalBytesMessage(byte[] body, KeyValue sysHeaders, KeyValue userHeaders) {
        this.body = body;
        this.sysHeaders = sysHeaders;
        this.userHeaders = userHeaders;
    }

    /**
     * Records where the message was written: {@code MESSAGE_ID} (kept as its {@link MessageId}, whose text is made
     * only if someone reads it: most senders never do, and this runs for every message sent) and {@code QUEUE_OFFSET}.
     */
    public void written(String queue, long offset) {
        if (sysHeaders instanceof Headers headers) {
            headers.set(Message.BuiltinKeys.MESSAGE_ID, new MessageId(queue, offset));
            headers.set(MessageCodec.QUEUE_OFFSET, offset);
        } else {
            sysHeaders.put(Message.BuiltinKeys.MESSAGE_ID, new MessageId(queue, offset).toString());
            sysHeaders.put(MessageCodec.QUEUE_OFFSET, offset);
        }
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

    /** The body as {@code byte[]} (or as {@code Object}); any other type is refused. */
    @Override
    public <T> T getBody(Class<T> type) throws OMSMessageFormatException {
        if (type.isAssignableFrom(byte[].class)) {
            return type.cast(body);
        }
        throw new OMSMessageFormatException("-1", "an oms:local message body is byte[], not " + type.getName());
    }

    @Override
    public BytesMessage setBody(byte[] body) {
        this.body = body;
        return this;
    }

    @Override
    public String toString() {
        return "LocalBytesMessage{sys=" + sysHeaders.keySet() + ", user=" + userHeaders.keySet() + ", body=" + (body == null ? 0 : body.length) + " bytes}";
    }
}
