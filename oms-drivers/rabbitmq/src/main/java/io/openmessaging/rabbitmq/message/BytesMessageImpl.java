package io.openmessaging.rabbitmq.message;

import io.openmessaging.Message;
import io.openmessaging.omsconnect.driversupport.message.AbstractBytesMessage;

/** An OMS message whose body is bytes, as sent and as received. Not thread-safe, like the OMS API's own. */
public final class BytesMessageImpl extends AbstractBytesMessage {

    public BytesMessageImpl(String destination, byte[] body) {
        super(destination, body);
    }

    @Override
    public String toString() {
        byte[] body = getBody(byte[].class);
        return "BytesMessage{" + sysHeaders().getString(Message.BuiltinKeys.DESTINATION) + ", id="
                + sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID) + ", " + (body == null ? 0 : body.length) + " bytes}";
    }
}
