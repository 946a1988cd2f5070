package io.openmessaging.rabbitmq.producer;

import io.openmessaging.producer.SendResult;

/** The id of a message the broker confirmed. */
record SendResultImpl(String messageId) implements SendResult {
}
