package io.openmessaging.kafka.message;

import io.openmessaging.Message;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.driversupport.message.AbstractBytesMessage;

/**
 * An OMS message of bytes, as sent and as received; a null body is a Kafka tombstone (a record without a
 * value). Not thread-safe, like the OMS API's messages.
 */
public final class KafkaBytesMessage extends AbstractBytesMessage {

    public KafkaBytesMessage(String topic, byte[] body) {
        super(topic, body);
    }

    private KafkaBytesMessage(byte[] body, ReceivedSysHeaders sys) {
        super(body, sys, new DefaultKeyValue());
    }

    /** A received message, whose system headers are read off its record ({@link ReceivedSysHeaders}). */
    static KafkaBytesMessage received(ReceivedSysHeaders sys, byte[] body) {
        return new KafkaBytesMessage(body, sys);
    }

    @Override
    public String toString() {
        byte[] body = getBody(byte[].class);
        return "KafkaBytesMessage{" + sysHeaders().getString(Message.BuiltinKeys.DESTINATION) + ", id="
                + sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID) + ", " + (body == null ? "no value" : body.length + " bytes") + "}";
    }
}
