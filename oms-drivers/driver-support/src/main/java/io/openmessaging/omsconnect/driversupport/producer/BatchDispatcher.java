package io.openmessaging.omsconnect.driversupport.producer;

import io.openmessaging.Message;

import java.util.List;

/** What a {@link CollectingBatchSender} needs of its driver's producer. */
public interface BatchDispatcher {

    /**
     * Fails (an OMSRuntimeException) for a message that could never be sent, e.g. one with no destination: a
     * batch sender refuses it at {@code send}, where the caller can tell which message it was, not at commit.
     */
    void check(Message message);

    /**
     * Hands the messages to the broker in order, and returns one acknowledgement per message, in the same
     * order; what was handed over before a failure is sent whatever happens.
     */
    List<? extends Acknowledgement> dispatch(List<Message> messages);

    /** The broker's answer for one message of a batch. */
    @FunctionalInterface
    interface Acknowledgement {
        /** Returns once the broker stored the message; throws an OMSRuntimeException when it did not, or in time. */
        void await();
    }
}
