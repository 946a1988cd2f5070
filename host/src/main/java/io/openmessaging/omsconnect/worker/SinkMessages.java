package io.openmessaging.omsconnect.worker;

import io.openmessaging.Message;

import java.util.List;

/**
 * Where a sink task's messages come from and where their acks go: the task's {@code PullConsumer}, driven
 * either from the task thread ({@link DirectSinkMessages}) or from a fetch thread of its own that reads
 * ahead while the connector writes ({@link PrefetchedSinkMessages}, the default). Used by the task thread
 * only.
 */
interface SinkMessages extends AutoCloseable {
    /** Connector config: read ahead on a fetch thread (default true); {@code false} calls the driver from the task thread. */
    String PREFETCH = ConnectorKeys.SINK_PREFETCH;

    /** The next message, waiting up to {@code timeoutMs} for one; null when none came. */
    Message next(long timeoutMs) throws InterruptedException;

    /** Acknowledges these messages (their ack handles), in order; the caller flushed what they carried. */
    void ack(List<String> handles);

    /** No more messages of {@code topic} until {@link #resume}; none is lost or reordered. */
    void pause(String topic);

    void resume(String topic);

    /**
     * The next messages of the seek's queue come from its offset on (the driver seeks, see {@link QueueSeek});
     * messages of that queue received before and not handed out yet are dropped. Call it with nothing of the
     * queue awaiting an ack: acks of messages from before a seek may count for the messages it brings again.
     *
     * @throws io.openmessaging.exception.OMSNotSupportedException when the driver cannot seek
     */
    void seek(QueueSeek seek);

    /** Acks handed over are done, then the consumer is shut down. */
    @Override
    void close();
}
