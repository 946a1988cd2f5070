package io.openmessaging.local.message;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.omsconnect.driversupport.message.AbstractBytesMessage;

/** A message of this driver: a byte body with system and user headers. Not thread-safe. */
public final class LocalBytesMessage extends AbstractBytesMessage {

    public LocalBytesMessage(byte[] body) {
        this(body, new Headers(), new Headers());
    }

    LocalBytesMessage(byte[] body, KeyValue sysHeaders, KeyValue userHeaders) {
        super(body, sysHeaders, userHeaders);
    }

    /**
     * Records where the message was written: {@code MESSAGE_ID} (kept as its {@link MessageId}, whose text is made
     * only if someone reads it: most senders never do, and this runs for every message sent) and {@code QUEUE_OFFSET}.
     */
    public void written(String queue, long offset) {
        if (sysHeaders() instanceof Headers headers) {
            headers.set(Message.BuiltinKeys.MESSAGE_ID, new MessageId(queue, offset));
            headers.set(MessageCodec.QUEUE_OFFSET, offset);
        } else {
            sysHeaders().put(Message.BuiltinKeys.MESSAGE_ID, new MessageId(queue, offset).toString());
            sysHeaders().put(MessageCodec.QUEUE_OFFSET, offset);
        }
    }

    @Override
    public String toString() {
        byte[] body = getBody(byte[].class);
        return "LocalBytesMessage{sys=" + sysHeaders().keySet() + ", user=" + userHeaders().keySet() + ", body=" + (body == null ? 0 : body.length) + " bytes}";
    }
}
