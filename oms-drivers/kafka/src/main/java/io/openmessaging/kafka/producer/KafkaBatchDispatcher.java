package io.openmessaging.kafka.producer;

import io.openmessaging.Message;
import io.openmessaging.kafka.message.RecordCodec;
import io.openmessaging.omsconnect.driversupport.producer.BatchDispatcher;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch's commit on Kafka: every message handed to the producer, one flush so that none lingers for more to
 * batch with ({@code linger.ms}), then each acknowledgement awaited as a single send would. Not atomic (no Kafka
 * transaction): see {@link io.openmessaging.omsconnect.driversupport.producer.CollectingBatchSender}.
 */
final class KafkaBatchDispatcher implements BatchDispatcher {
    private final KafkaOmsProducer producer;

    KafkaBatchDispatcher(KafkaOmsProducer producer) {
        this.producer = producer;
    }

    @Override
    public void check(Message message) {
        RecordCodec.topic(message);
    }

    @Override
    public List<Acknowledgement> dispatch(List<Message> messages) {
        List<SendPromise> promises = producer.dispatch(messages);
        producer.flush();
        List<Acknowledgement> acks = new ArrayList<>(promises.size());
        for (SendPromise promise : promises) {
            acks.add(() -> producer.await(promise, null));
        }
        return acks;
    }
}
