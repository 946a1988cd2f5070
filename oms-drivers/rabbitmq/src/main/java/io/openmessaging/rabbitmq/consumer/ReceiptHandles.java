package io.openmessaging.rabbitmq.consumer;

import io.openmessaging.exception.OMSRuntimeException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Receipt handles of one consumer channel: {@code <epoch>-<delivery tag>}. A delivery tag means something
 * only on the channel that delivered it, and the broker closes the channel on an ack of an unknown tag,
 * so handles are checked here first. The epoch changes whenever the channel is lost (the broker then
 * requeues its unacked messages and will deliver them again), which makes the older handles stale.
 */
final class ReceiptHandles {
    private final Set<Long> unacked = ConcurrentHashMap.newKeySet();
    private volatile long epoch;

    String issue(long deliveryTag) {
        unacked.add(deliveryTag);
        return epoch + "-" + deliveryTag;
    }

    /** Changes with every channel loss: deliveries of an older epoch are stale. */
    long epoch() {
        return epoch;
    }

    /** Forgets every unacked tag: the channel is gone and the broker will redeliver them. */
    void channelLost() {
        epoch++;
        unacked.clear();
    }

    /**
     * The delivery tag to ack for this handle, or -1 when the handle is from a channel since lost
     * (its message will be delivered again, so there is nothing left to ack).
     */
    long settle(String receiptHandle) {
        int dash = receiptHandle == null ? -1 : receiptHandle.indexOf('-');
        long handleEpoch;
        long tag;
        try {
            handleEpoch = Long.parseLong(receiptHandle.substring(0, dash));
            tag = Long.parseLong(receiptHandle.substring(dash + 1));
        } catch (RuntimeException e) {
            throw new OMSRuntimeException("-1", "Not a receipt handle of this driver: '" + receiptHandle + "'");
        }
        if (handleEpoch != epoch) {
            return -1;
        }
        if (!unacked.remove(tag)) {
            throw new OMSRuntimeException("-1", "Receipt handle '" + receiptHandle + "' is unknown or already acked");
        }
        return tag;
    }
}
