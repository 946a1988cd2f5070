package io.openmessaging.local.producer;

import io.openmessaging.producer.SendResult;

/** The id ({@code <queue>@<offset>}) of a message written to the store. */
public record LocalSendResult(String messageId) implements SendResult {
}
