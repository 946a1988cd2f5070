package io.openmessaging.omsconnect.driversupport.message;

import io.openmessaging.BytesMessage;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSMessageFormatException;
import io.openmessaging.internal.DefaultKeyValue;

/**
 * An OMS message of bytes with system and user headers, as sent and as received. A driver keeps only what its
 * broker makes different: how a received message's headers are read (they may be a view of the broker's record)
 * and its {@code toString}. Not thread-safe, like the OMS API's messages.
 */
public abstract class AbstractBytesMessage implements BytesMessage {
    private final KeyValue sysHeaders;
    private final KeyValue userHeaders;
    private byte[] body;

    /** A message to send to {@code destination} (none when null: the caller puts it in the system headers). */
    protected AbstractBytesMessage(String destination, byte[] body) {
        this(body, new DefaultKeyValue(), new DefaultKeyValue());
        if (destination != null) {
            sysHeaders.put(Message.BuiltinKeys.DESTINATION, destination);
        }
    }

    /** A message over headers the driver made, e.g. those of a received message. */
    protected AbstractBytesMessage(byte[] body, KeyValue sysHeaders, KeyValue userHeaders) {
        this.body = body;
        this.sysHeaders = sysHeaders;
        this.userHeaders = userHeaders;
    }

    /** The body as {@code byte[]} (or as {@code Object}); any other type is refused: the driver converts nothing. */
    @Override
    public <T> T getBody(Class<T> type) throws OMSMessageFormatException {
        if (!type.isAssignableFrom(byte[].class)) {
            throw new OMSMessageFormatException("-1", "A BytesMessage body is byte[], not " + type.getName());
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
}
