package io.openmessaging.local.producer;

import io.openmessaging.BytesMessage;
import io.openmessaging.Future;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSMessageFormatException;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.interceptor.ProducerInterceptor;
import io.openmessaging.local.lifecycle.ServiceGuard;
import io.openmessaging.local.message.LocalBytesMessage;
import io.openmessaging.local.message.MessageCodec;
import io.openmessaging.local.message.MessageId;
import io.openmessaging.local.store.Payload;
import io.openmessaging.local.store.Store;
import io.openmessaging.local.store.WriteListener;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.LocalTransactionExecutor;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sends to the queue named by a message's DESTINATION header; a queue that does not exist is
 * created on first send. {@code send} returns once the message is written to the OS (so it
 * survives a crash of this process); {@code sendAsync} and {@code sendOneway} return at once and
 * are written by the store's I/O thread together with whatever else is pending. Thread-safe.
 */
public final class LocalProducer implements Producer {

    private final Store store;
    private final KeyValue attributes;
    private final ServiceGuard guard;
    private final List<ProducerInterceptor> interceptors = new CopyOnWriteArrayList<>();

    public LocalProducer(Store store, KeyValue attributes) {
        this.store = store;
        this.attributes = attributes;
        this.guard = new ServiceGuard("oms:local producer", store);
    }

    @Override
    public KeyValue attributes() {
        return attributes;
    }

    @Override
    public void startup() {
        guard.check();
    }

    @Override
    public void shutdown() {
        guard.close();
    }

    @Override
    public BytesMessage createBytesMessage(String queue, byte[] body) {
        LocalBytesMessage message = new LocalBytesMessage(body);
        message.putSysHeaders(Message.BuiltinKeys.DESTINATION, queue);
        return message;
    }

    @Override
    public SendResult send(Message message) {
        return send(message, (KeyValue) null);
    }

    @Override
    public SendResult send(Message message, KeyValue properties) {
        guard.check();
        String queue = destination(message);
        beforeSend(message, properties);
        long offset = store.queueOrCreate(queue).append(encode(message));
        written(message, queue, offset);
        afterSend(message, properties);
        return new LocalSendResult(queue, offset);
    }

    /** Transactions are not supported by the local driver. */
    @Override
    public SendResult send(Message message, LocalTransactionExecutor branchExecutor, KeyValue attributes) {
        throw new OMSNotSupportedException("-1", "oms:local does not support transactional sends");
    }

    @Override
    public Future<SendResult> sendAsync(Message message) {
        return sendAsync(message, null);
    }

    @Override
    public Future<SendResult> sendAsync(Message message, KeyValue properties) {
        guard.check();
        String queue = destination(message);
        beforeSend(message, properties);
        SendPromise promise = new SendPromise(queue, message);
        store.queueOrCreate(queue).appendAsync(encode(message), promise);
        afterSend(message, properties);
        return promise;
    }

    @Override
    public void sendOneway(Message message) {
        sendOneway(message, null);
    }

    @Override
    public void sendOneway(Message message, KeyValue properties) {
        guard.check();
        String queue = destination(message);
        beforeSend(message, properties);
        store.queueOrCreate(queue).appendAsync(encode(message), WriteListener.NONE);
        afterSend(message, properties);
    }

    /** A batch: {@code send} collects, {@code commit} writes each queue's messages in one write. */
    @Override
    public BatchMessageSender createBatchMessageSender() {
        guard.check();
        return new LocalBatchMessageSender(this);
    }

    @Override
    public void addInterceptor(ProducerInterceptor interceptor) {
        interceptors.add(interceptor);
    }

    @Override
    public void removeInterceptor(ProducerInterceptor interceptor) {
        interceptors.remove(interceptor);
    }

    /** Appends messages (all to {@code queue}) in one write. */
    void sendBatch(String queue, List<Message> messages) {
        guard.check();
        Payload[] payloads = new Payload[messages.size()];
        for (int i = 0; i < payloads.length; i++) {
            beforeSend(messages.get(i), null);
            payloads[i] = encode(messages.get(i));
        }
        long[] offsets = store.queueOrCreate(queue).appendBatch(List.of(payloads));
        for (int i = 0; i < payloads.length; i++) {
            written(messages.get(i), queue, offsets[i]);
            afterSend(messages.get(i), null);
        }
    }

    /**
     * Tells the sender where {@code message} went, in its system headers: its id and {@code QUEUE_OFFSET}
     * (OMS's {@code SendResult} has room for the id only, and a batch has no result at all).
     */
    static void written(Message message, String queue, long offset) {
        if (message instanceof LocalBytesMessage local) {
            local.written(queue, offset);
        } else {
            message.putSysHeaders(Message.BuiltinKeys.MESSAGE_ID, new MessageId(queue, offset).toString());
            message.putSysHeaders(MessageCodec.QUEUE_OFFSET, offset);
        }
    }

    void checkOpen() {
        guard.check();
    }

    static String destination(Message message) {
        String queue = message.sysHeaders().getString(Message.BuiltinKeys.DESTINATION);
        if (queue == null || queue.isEmpty()) {
            throw new OMSMessageFormatException("-1", "the message has no DESTINATION (queue) header");
        }
        return queue;
    }

    private static Payload encode(Message message) {
        long born = message.sysHeaders().getLong(Message.BuiltinKeys.BORN_TIMESTAMP, NOT_SET);
        return MessageCodec.encode(message, born == NOT_SET ? System.currentTimeMillis() : born);
    }

    /** What {@code getLong} answers for a message with no BORN_TIMESTAMP: one lookup, not two. */
    private static final long NOT_SET = Long.MIN_VALUE;

    private void beforeSend(Message message, KeyValue properties) {
        for (ProducerInterceptor interceptor : interceptors) {
            interceptor.preSend(message, properties);
        }
    }

    private void afterSend(Message message, KeyValue properties) {
        for (ProducerInterceptor interceptor : interceptors) {
            interceptor.postSend(message, properties);
        }
    }
}
