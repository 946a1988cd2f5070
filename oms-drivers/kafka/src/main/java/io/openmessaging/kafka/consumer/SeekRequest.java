package io.openmessaging.kafka.consumer;

import io.openmessaging.KeyValue;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.kafka.message.RecordCodec;

/**
 * A seek asked with {@code attachQueue(topic, {QUEUE_OFFSET: n[, QUEUE_ID: p]})} (OMS 0.3.1 has no seek call):
 * read partition {@code p} of the topic from offset {@code n} on. Without {@code QUEUE_ID}, the topic's only
 * partition; a topic of several partitions needs it.
 *
 * @param partition the partition, or {@link #ONLY_PARTITION} when the request named none
 */
record SeekRequest(int partition, long offset) {
    static final int ONLY_PARTITION = -1;

    /** The seek the attributes ask for, or null when they name no {@code QUEUE_OFFSET}. */
    static SeekRequest from(KeyValue attributes) {
        if (attributes == null || !attributes.containsKey(RecordCodec.QUEUE_OFFSET)) {
            return null;
        }
        long offset;
        int partition = ONLY_PARTITION;
        try {
            offset = Long.parseLong(attributes.getString(RecordCodec.QUEUE_OFFSET).trim());
            if (attributes.containsKey(RecordCodec.QUEUE_ID)) {
                partition = Integer.parseInt(attributes.getString(RecordCodec.QUEUE_ID).trim());
            }
        } catch (RuntimeException e) {
            throw new OMSRuntimeException("-1", "A seek needs a whole-number " + RecordCodec.QUEUE_OFFSET + " (and "
                    + RecordCodec.QUEUE_ID + ", the partition), not " + attributes.getString(RecordCodec.QUEUE_OFFSET)
                    + " and " + attributes.getString(RecordCodec.QUEUE_ID));
        }
        if (offset < 0 || partition < ONLY_PARTITION) {
            throw new OMSRuntimeException("-1", RecordCodec.QUEUE_OFFSET + " and " + RecordCodec.QUEUE_ID
                    + " of a seek must be 0 or more, not " + offset + " and " + partition);
        }
        return new SeekRequest(partition, offset);
    }
}
