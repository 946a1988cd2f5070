package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.convert.TestMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer over an in-memory queue that records its calls and whether two threads ever used it at once. Each
 * message's receipt handle is {@code <topic>-<n>}, and so is its body.
 */
final class FakePullConsumer implements PullConsumer {
    final LinkedBlockingQueue<Message> available = new LinkedBlockingQueue<>();
    final List<String> sent = new ArrayList<>();
    final List<String> acked = Collections.synchronizedList(new ArrayList<>());
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger received = new AtomicInteger();
    final AtomicBoolean busy = new AtomicBoolean();
    final AtomicBoolean overlapped = new AtomicBoolean();
    final AtomicBoolean fetchThreadReceived = new AtomicBoolean();
    volatile int failAfter = -1;
    private int next;

    void offer(String topic, int count) {
        for (int i = 0; i < count; i++) {
            String handle = topic + "-" + next++;
            Message m = new TestMessage(topic, handle.getBytes(StandardCharsets.UTF_8))
                    .putSysHeaders(Message.BuiltinKeys.RECEIPT_HANDLE, handle);
            sent.add(handle);
            available.add(m);
        }
    }

    private void enter() {
        if (!busy.compareAndSet(false, true)) {
            overlapped.set(true);
        }
    }

    private void exit() {
        busy.set(false);
    }

    @Override
    public Message receive(KeyValue properties) {
        enter();
        try {
            if (failAfter >= 0 && received.get() >= failAfter) {
                throw new IllegalStateException("broker gone");
            }
            fetchThreadReceived.compareAndSet(false, Thread.currentThread().getName().equals("task-c-0-fetch"));
            Message m = available.poll(properties.getLong(Message.BuiltinKeys.TIMEOUT), TimeUnit.MILLISECONDS);
            if (m != null) {
                received.incrementAndGet();
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            exit();
        }
    }

    @Override
    public void ack(String receiptHandle) {
        enter();
        try {
            acked.add(receiptHandle);
            calls.add("ack " + receiptHandle);
        } finally {
            exit();
        }
    }

    @Override
    public PullConsumer detachQueue(String queueName) {
        calls.add("detach " + queueName);
        return this;
    }

    @Override
    public PullConsumer attachQueue(String queueName) {
        calls.add("attach " + queueName);
        return this;
    }

    @Override
    public void shutdown() {
        enter();
        calls.add("shutdown");
        exit();
    }

    @Override
    public KeyValue attributes() {
        return new DefaultKeyValue();
    }

    @Override
    public PullConsumer attachQueue(String queueName, KeyValue attributes) {
        return attachQueue(queueName);
    }

    @Override
    public Message receive() {
        return receive(new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, 0));
    }

    @Override
    public void ack(String receiptHandle, KeyValue attributes) {
        ack(receiptHandle);
    }

    @Override
    public void startup() {
    }
}
