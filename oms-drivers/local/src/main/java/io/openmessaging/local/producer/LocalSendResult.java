package io.openmessaging.local.producer;

import io.openmessaging.local.message.MessageId;
import io.openmessaging.producer.SendResult;

/** Where a sent message was written; its id ({@code <queue>@<offset>}) is built when asked for. */
record LocalSendResult(String queue, long offset) implements SendResult {

    @Override
    public String messageId() {
        return new MessageId(queue, offset).toString();
    }
}
