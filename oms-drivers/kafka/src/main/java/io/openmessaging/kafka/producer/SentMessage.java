package io.openmessaging.kafka.producer;

import io.openmessaging.producer.SendResult;

/** A message Kafka acknowledged: its id, {@code <topic>-<partition>@<offset>}. */
record SentMessage(String messageId) implements SendResult {
}
