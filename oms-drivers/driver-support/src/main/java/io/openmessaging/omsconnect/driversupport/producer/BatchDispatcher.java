package io.openmessaging.omsconnect.driversupport.producer;

import io.openmessaging.Message;

import java.util.List;

/** How a {@link CollectingBatchSender} hands a committed batch to its driver's broker. */
@FunctionalInterface
public interface BatchDispatcher {

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
