package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class PrefetchedSinkMessagesTest {
    /** Waits for a condition (5 s at most) without assuming how long it takes. */
    private static final class Await {
        static void until(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for " + what);
                }
                Thread.sleep(1);
            }
        }
    }

    private static final ConnectorTaskId TASK = new ConnectorTaskId("c", 0);

    @Test
    void deliversEveryMessageInOrderAndNeverCallsTheConsumerFromTwoThreadsAtOnce() throws Exception {
        FakeConsumer consumer = new FakeConsumer();
        consumer.offer("a", 5000);
        PrefetchedSinkMessages messages = PrefetchedSinkMessages.start(TASK, consumer, 300);
        List<String> handles = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Message m = messages.next(5000);
            handles.add(handle(m));
            if (handles.size() % 700 == 0) {
                messages.ack(new ArrayList<>(handles.subList(handles.size() - 700, handles.size())));
            }
        }
        assertEquals(consumer.sent, handles, "every message once, in order");
        messages.ack(new ArrayList<>(handles.subList(handles.size() - 5000 % 700, handles.size())));
        messages.close();
        assertEquals(handles, consumer.acked, "acked in order, all of them before close returned");
        assertEquals("shutdown", consumer.calls.get(consumer.calls.size() - 1), "shut down last");
        assertTrue(consumer.fetchThreadReceived.get(), "received on the fetch thread");
        assertEquals(false, consumer.overlapped.get(), "the consumer was never used by two threads at once");
    }

    @Test
    void readsAtMostTwoBatchesAheadOfTheTask() throws Exception {
        FakeConsumer consumer = new FakeConsumer();
        consumer.offer("a", 10_000);
        PrefetchedSinkMessages messages = PrefetchedSinkMessages.start(TASK, consumer, 100);
        // two batches wait; a third is received and waits for room: once the fetch thread waits to hand it
        // over it receives nothing more, so what it received then is all it reads ahead
        int full = (PrefetchedSinkMessages.BATCHES_AHEAD + 1) * 100;
        Await.until("the fetch thread waiting for room", () -> consumer.received.get() >= full && waitsToHandOver("task-c-0-fetch"));
        int received = consumer.received.get();
        assertEquals(full, received, "read ahead two batches and a third waiting, no more");
        messages.close();
    }

    /** True while the named thread waits in {@code handOver}, for room ahead of the task. */
    private static boolean waitsToHandOver(String threadName) {
        for (java.util.Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
            if (t.getKey().getName().equals(threadName)) {
                for (StackTraceElement frame : t.getValue()) {
                    if (frame.getMethodName().equals("handOver")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void acksReachTheDriverWhileTheTaskIsBehind() throws Exception {
        FakeConsumer consumer = new FakeConsumer();
        consumer.offer("a", 10_000);
        PrefetchedSinkMessages messages = PrefetchedSinkMessages.start(TASK, consumer, 100);
        Message first = messages.next(5000);
        messages.ack(List.of(handle(first)));
        Await.until("the ack to reach the consumer", () -> !consumer.acked.isEmpty());
        assertEquals(List.of(handle(first)), consumer.acked, "acked although the fetch thread waits for room");
        messages.close();
    }

    @Test
    void aPausedTopicsMessagesWaitAndComeBackInOrderOnResume() throws Exception {
        FakeConsumer consumer = new FakeConsumer();
        for (int i = 0; i < 50; i++) {
            consumer.offer("a", 1);
            consumer.offer("b", 1);
        }
        PrefetchedSinkMessages messages = PrefetchedSinkMessages.start(TASK, consumer, 10);
        List<String> delivered = new ArrayList<>();
        delivered.add(handle(messages.next(5000))); // a-0
        messages.pause("a");
        for (Message m = messages.next(200); m != null; m = messages.next(200)) {
            delivered.add(handle(m));
        }
        assertEquals(51, delivered.size(), "a-0 and every b while a is paused: " + delivered);
        assertTrue(delivered.subList(1, 51).stream().allMatch(h -> h.startsWith("b-")), delivered.toString());
        messages.resume("a");
        List<String> afterResume = new ArrayList<>();
        for (Message m = messages.next(200); m != null; m = messages.next(200)) {
            afterResume.add(handle(m));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i < 50; i++) {
            expected.add("a-" + (2 * i));
        }
        assertEquals(expected, afterResume, "the held messages of a, in order, none lost");
        messages.close();
        assertTrue(consumer.calls.contains("detach a") && consumer.calls.indexOf("attach a") > consumer.calls.indexOf("detach a"),
                consumer.calls.toString());
    }

    @Test
    void aFailedReceiveFailsTheTaskWithItsCauseAfterWhatCameBefore() throws Exception {
        FakeConsumer consumer = new FakeConsumer();
        consumer.offer("a", 10);
        consumer.failAfter = 10;
        PrefetchedSinkMessages messages = PrefetchedSinkMessages.start(TASK, consumer, 4);
        for (int i = 0; i < 10; i++) {
            assertEquals("a-" + i, handle(messages.next(5000)));
        }
        ConnectException e = assertThrows(ConnectException.class, () -> {
            for (int i = 0; i < 100; i++) {
                messages.next(100);
            }
        });
        assertTrue(e.getMessage().contains("broker gone"), e.getMessage());
        messages.close();
        assertEquals("shutdown", consumer.calls.get(consumer.calls.size() - 1));
    }

    @Test
    void closeOnAnInterruptedThreadStillWaitsForTheFetchThreadThenAcksAndShutsDown() throws Exception {
        FakeConsumer consumer = new FakeConsumer();
        consumer.offer("a", 10);
        PrefetchedSinkMessages messages = PrefetchedSinkMessages.start(TASK, consumer, 4);
        Message first = messages.next(5000);
        messages.ack(List.of(handle(first)));
        Thread.currentThread().interrupt();
        messages.close();
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals(List.of(handle(first)), consumer.acked);
        assertEquals("shutdown", consumer.calls.get(consumer.calls.size() - 1));
        assertEquals(false, consumer.overlapped.get(), "the consumer was never used by two threads at once");
    }

    @Test
    void nothingToReadReturnsNullAfterTheWait() throws Exception {
        FakeConsumer consumer = new FakeConsumer();
        PrefetchedSinkMessages messages = PrefetchedSinkMessages.start(TASK, consumer, 10);
        long start = System.nanoTime();
        assertNull(messages.next(100));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(90), "waited");
        messages.close();
    }

    private static String handle(Message m) {
        return m.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE);
    }

    /** A consumer over an in-memory queue that records its calls and whether two threads ever used it at once. */
    private static final class FakeConsumer implements PullConsumer {
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
                KeyValue sys = new DefaultKeyValue().put(Message.BuiltinKeys.DESTINATION, topic)
                        .put(Message.BuiltinKeys.RECEIPT_HANDLE, handle);
                Message m = mock(Message.class);
                when(m.sysHeaders()).thenReturn(sys);
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
}
