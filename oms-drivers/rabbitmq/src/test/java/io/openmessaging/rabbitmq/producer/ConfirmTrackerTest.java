package io.openmessaging.rabbitmq.producer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.exception.OMSTimeOutException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfirmTrackerTest {
    private static final Executor DIRECT = Runnable::run;

    private final AtomicBoolean channelLost = new AtomicBoolean();
    private final List<String> retried = new ArrayList<>();
    private final ConfirmTracker tracker = new ConfirmTracker(() -> channelLost.set(true),
            (message, reason) -> retried.add(message.id + ": " + reason));

    @Test
    void multipleAckCompletesEveryMessageUpToTheTag() {
        SendFuture one = track(1, "id-1");
        SendFuture two = track(2, "id-2");
        SendFuture three = track(3, "id-3");
        tracker.handleAck(2, true);
        assertEquals("id-1", one.get(0).messageId());
        assertEquals("id-2", two.get(0).messageId());
        assertFalse(three.isDone());
        assertThrows(OMSTimeOutException.class, () -> three.get(1));
        tracker.handleAck(3, false);
        assertEquals("id-3", three.get(0).messageId());
        assertTrue(tracker.isEmpty());
    }

    @Test
    void aNackedMessageGoesToTheRetryNotToItsFuture() {
        SendFuture nacked = track(1, "id-1");
        SendFuture acked = track(2, "id-2");
        tracker.handleNack(1, false);
        tracker.handleAck(2, false);
        assertEquals(List.of("id-1: the broker refused the message (nack)"), retried);
        assertFalse(nacked.isDone(), "still on its way: it is published again");
        assertEquals("id-2", acked.get(0).messageId());
        assertTrue(tracker.isEmpty());
    }

    @Test
    void aReturnedMessageFailsWhenItsAckArrives() {
        SendFuture returned = track(1, "id-1");
        SendFuture routed = track(2, "id-2");
        tracker.handleReturn(312, "NO_ROUTE", "topic", "", new AMQP.BasicProperties.Builder().messageId("id-1").build(), new byte[0]);
        tracker.handleAck(2, true);
        OMSRuntimeException error = assertThrows(OMSRuntimeException.class, () -> returned.get(0));
        assertTrue(error.getMessage().contains("no consumer group queue"), error.getMessage());
        assertEquals("id-2", routed.get(0).messageId());
    }

    @Test
    void aLostChannelHandsWhatIsPendingToTheRetryInSendOrder() {
        SendFuture five = track(5, "id-5");
        track(6, "id-6");
        tracker.shutdownCompleted(new ShutdownSignalException(true, false, null, null));
        assertEquals(2, retried.size());
        assertTrue(retried.get(0).startsWith("id-5: the channel closed"), retried.get(0));
        assertTrue(retried.get(1).startsWith("id-6: "), retried.get(1));
        assertFalse(five.isDone());
        assertTrue(channelLost.get());
        assertTrue(tracker.isEmpty());
    }

    @Test
    void failAllFailsWhatIsPending() {
        SendFuture future = track(1, "id-1");
        tracker.failAll("shut down");
        OMSRuntimeException error = assertThrows(OMSRuntimeException.class, () -> future.get(0));
        assertTrue(error.getMessage().contains("id-1") && error.getMessage().contains("shut down"), error.getMessage());
        assertNotNull(future.getThrowable());
        assertTrue(retried.isEmpty());
    }

    @Test
    void listenersRunOnTheCallbackExecutorOnce() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        Executor callbacks = task -> new Thread(task, "callbacks").start();
        SendFuture future = new SendFuture(callbacks);
        tracker.track(1, outgoing("id-1", future));
        future.addListener(done -> {
            thread.set(Thread.currentThread().getName());
            ran.countDown();
        });
        tracker.handleAck(1, false);
        ran.await();
        assertEquals("callbacks", thread.get());
        assertFalse(future.set(null), "a future completes once");
        assertFalse(future.cancel(true));
    }

    private SendFuture track(long sequence, String id) {
        SendFuture future = new SendFuture(DIRECT);
        tracker.track(sequence, outgoing(id, future));
        return future;
    }

    private static Outgoing outgoing(String id, SendFuture future) {
        return new Outgoing(null, "topic", id, null, new byte[0], future, Long.MAX_VALUE);
    }
}
