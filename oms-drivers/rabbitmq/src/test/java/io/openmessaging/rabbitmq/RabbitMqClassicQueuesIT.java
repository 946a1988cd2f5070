package io.openmessaging.rabbitmq;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.ResourceManager;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.producer.Producer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout before streams, still available with {@code rabbitmq.queue.type=classic} (or {@code quorum}):
 * a queue per consumer group bound to the topic's exchange. Runs every test of {@link RabbitMqDriverIT},
 * plus what only this layout does: a group receives only what was sent after its queue existed, so a
 * send with no group queue fails (NO_ROUTE) instead of being dropped.
 */
class RabbitMqClassicQueuesIT extends RabbitMqDriverIT {

    @Override
    KeyValue attributes() {
        return LocalRabbitMq.attributes().put("rabbitmq.queue.type", "classic");
    }

    @Test
    void unackedMessagesAreRedeliveredWithTheirRedeliveredFlag() {
        String topic = topic();
        PullConsumer first = consumer("redelivery", topic);
        Producer producer = producer();
        for (int i = 0; i < 3; i++) {
            producer.send(producer.createBytesMessage(topic, bytes("r" + i)));
        }
        Message acked = receive(first);
        assertEquals("r0", text(acked));
        first.ack(acked.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        assertEquals("r1", text(receive(first)));
        assertEquals("r2", text(receive(first)));
        first.shutdown(); // r1 and r2 were not acked

        PullConsumer second = consumer("redelivery", topic);
        for (String expected : List.of("r1", "r2")) {
            Message again = receive(second);
            assertEquals(expected, text(again));
            assertTrue(again.sysHeaders().getInt(Message.BuiltinKeys.REDELIVERED_NUMBER) >= 1);
            second.ack(again.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE));
        }
        assertNull(second.receive(timeout(300)));
    }

    @Test
    void sendToTopicWithoutAnyGroupFailsInsteadOfDroppingTheMessage() {
        String topic = topic();
        Producer producer = producer();
        assertSendFails(producer, topic, "no consumer group queue");
        // the producer still works once a group exists
        PullConsumer consumer = consumer("late", topic);
        producer.send(producer.createBytesMessage(topic, bytes("somebody")));
        assertEquals("somebody", text(receive(consumer)));
    }

    @Test
    void producerSurvivesItsExchangeBeingDeletedUnderIt() throws Exception {
        String topic = topic();
        consumer("first", topic);
        Producer producer = producer();
        producer.send(producer.createBytesMessage(topic, bytes("before")));
        accessPoint.resourceManager().deleteQueue(topic);
        // the producer still believes the exchange exists: the broker closes its channel (404); the send is
        // published again on a new channel that declares the exchange again, which has no group queue now
        assertSendFails(producer, topic, "no consumer group queue");
        // the next send works as soon as a group exists
        PullConsumer consumer = consumer("second", topic);
        producer.send(producer.createBytesMessage(topic, bytes("after")));
        assertEquals("after", text(receive(consumer)));
    }

    @Test
    void createQueueKeepsMessagesForTheDefaultGroup() throws Exception {
        String topic = topic();
        ResourceManager resources = accessPoint.resourceManager();
        resources.createQueue(topic, new DefaultKeyValue());
        Producer producer = producer();
        producer.send(producer.createBytesMessage(topic, bytes("early")));
        assertEquals("1", resources.getQueueAttributes(topic).getString("queue." + topic + ".default.messages"));
        PullConsumer consumer = consumer("default", topic);
        assertEquals("early", text(receive(consumer)));
    }

}
