package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.internal.DefaultKeyValue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** The consumer called from the task thread itself: receive, ack, detach and attach as the task asks. */
final class DirectSinkMessages implements SinkMessages {
    private final PullConsumer consumer;
    // built once: receive() only reads them
    private final KeyValue longWait;
    private final KeyValue shortWait = new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, 1);
    private final long longWaitMs;
    private final AtomicBoolean closed = new AtomicBoolean();

    DirectSinkMessages(PullConsumer consumer, long longWaitMs) {
        this.consumer = consumer;
        this.longWaitMs = longWaitMs;
        this.longWait = new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, longWaitMs);
    }

    @Override
    public Message next(long timeoutMs) {
        KeyValue wait = timeoutMs >= longWaitMs ? longWait
                : timeoutMs <= 1 ? shortWait
                : new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, timeoutMs);
        return consumer.receive(wait);
    }

    @Override
    public void ack(List<String> handles) {
        for (String handle : handles) {
            consumer.ack(handle);
        }
    }

    @Override
    public void pause(String topic) {
        consumer.detachQueue(topic);
    }

    @Override
    public void resume(String topic) {
        consumer.attachQueue(topic);
    }

    @Override
    public void seek(QueueSeek seek) {
        consumer.attachQueue(seek.topic(), seek.attributes());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) { // an abandoned task's messages are closed by the worker too
            consumer.shutdown();
        }
    }
}
