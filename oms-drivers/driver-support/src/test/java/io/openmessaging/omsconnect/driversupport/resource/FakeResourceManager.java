package io.openmessaging.omsconnect.driversupport.resource;

import io.openmessaging.KeyValue;
import io.openmessaging.internal.DefaultKeyValue;

import java.util.List;

/** A queue-only resource manager of a "Fake" driver that has no queues and refuses to change their attributes. */
public final class FakeResourceManager extends QueueOnlyResourceManager {

    public FakeResourceManager() {
        super("Fake", "it has none", "they are immutable");
    }

    @Override
    public void createQueue(String queueName, KeyValue attributes) {
    }

    @Override
    public void setQueueAttributes(String queueName, KeyValue attributes) {
        throw unsupported("setQueueAttributes");
    }

    @Override
    public KeyValue getQueueAttributes(String queueName) {
        return new DefaultKeyValue();
    }

    @Override
    public void deleteQueue(String queueName) {
    }

    @Override
    public List<String> listQueues(String nsName) {
        return List.of();
    }
}
