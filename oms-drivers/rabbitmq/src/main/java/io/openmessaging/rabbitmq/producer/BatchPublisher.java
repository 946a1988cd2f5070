package io.openmessaging.rabbitmq.producer;

import io.openmessaging.Message;
import io.openmessaging.omsconnect.driversupport.producer.BatchDispatcher;
import io.openmessaging.rabbitmq.message.AmqpMessageCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch's commit on RabbitMQ: every message published back to back on the producer's channel, then the
 * broker's confirms awaited against one deadline for the whole batch (the producer's send timeout), not one
 * timeout per message. Not atomic: see {@link io.openmessaging.omsconnect.driversupport.producer.CollectingBatchSender}.
 */
final class BatchPublisher implements BatchDispatcher {
    private final ProducerImpl producer;

    BatchPublisher(ProducerImpl producer) {
        this.producer = producer;
    }

    @Override
    public void check(Message message) {
        AmqpMessageCodec.destination(message);
    }

    @Override
    public List<Acknowledgement> dispatch(List<Message> messages) {
        List<SendFuture> futures = producer.publish(messages, null, true);
        long deadline = System.currentTimeMillis() + producer.timeout(null);
        List<Acknowledgement> acks = new ArrayList<>(futures.size());
        for (SendFuture future : futures) {
            acks.add(() -> future.get(Math.max(1, deadline - System.currentTimeMillis())));
        }
        return acks;
    }
}
