package io.openmessaging.omsconnect.worker;

import io.openmessaging.Message;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrefetchedSinkMessagesTest {
    private static final ConnectorTaskId TASK = new ConnectorTaskId("c", 0);

    @Test
    void deliversEveryMessageInOrderAndNeverCallsTheConsumerFromTwoThreadsAtOnce() throws Exception {
        FakePullConsumer consumer = new FakePullConsumer();
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
        FakePullConsumer consumer = new FakePullConsumer();
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
        FakePullConsumer consumer = new FakePullConsumer();
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
        FakePullConsumer consumer = new FakePullConsumer();
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
        FakePullConsumer consumer = new FakePullConsumer();
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
        FakePullConsumer consumer = new FakePullConsumer();
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
        FakePullConsumer consumer = new FakePullConsumer();
        PrefetchedSinkMessages messages = PrefetchedSinkMessages.start(TASK, consumer, 10);
        long start = System.nanoTime();
        assertNull(messages.next(100));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(90), "waited");
        messages.close();
    }

    private static String handle(Message m) {
        return m.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE);
    }
}
