package io.openmessaging.kafka.consumer;

import io.openmessaging.exception.OMSRuntimeException;
import org.apache.kafka.common.TopicPartition;

/**
 * What a received message is acked with: {@code <epoch>:<partition>:<offset>:<topic>} (the topic last: it is the
 * only part of free length). The epoch tells a message of the partition's current run in this consumer from one
 * handed out before the partition was revoked or sought. Valid on the consumer that issued it only.
 */
record ReceiptHandle(long epoch, TopicPartition partition, long offset) {

    static String format(long epoch, String topic, int partition, long offset) {
        return epoch + ":" + partition + ":" + offset + ":" + topic;
    }

    static ReceiptHandle parse(String handle) {
        try {
            int first = handle.indexOf(':');
            int second = handle.indexOf(':', first + 1);
            int third = handle.indexOf(':', second + 1);
            if (first < 0 || second < 0 || third < 0 || third == handle.length() - 1) {
                throw new IllegalArgumentException("too few parts");
            }
            long epoch = Long.parseLong(handle, 0, first, 10);
            int partition = Integer.parseInt(handle, first + 1, second, 10);
            long offset = Long.parseLong(handle, second + 1, third, 10);
            return new ReceiptHandle(epoch, new TopicPartition(handle.substring(third + 1), partition), offset);
        } catch (RuntimeException e) {
            throw new OMSRuntimeException("-1", "Not a receipt handle of the Kafka driver: '" + handle + "'");
        }
    }
}
