package io.openmessaging.omsconnect.driversupport.message;

/** The smallest driver message: the base class as it is. */
public final class TestMessage extends AbstractBytesMessage {
    public TestMessage(String destination, byte[] body) {
        super(destination, body);
    }
}
