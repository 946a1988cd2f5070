package io.openmessaging.omsconnect.worker;

import io.openmessaging.BytesMessage;
import io.openmessaging.Future;
import io.openmessaging.connector.api.errors.ConnectException;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.producer.BatchMessageSender;
import io.openmessaging.producer.Producer;
import io.openmessaging.producer.SendResult;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class SourceMessageSenderTest {
    private static final ConnectorTaskId ID = new ConnectorTaskId("c", 0);
    private final Producer producer = mock(Producer.class);
    private final List<BytesMessage> messages = List.of(mock(BytesMessage.class), mock(BytesMessage.class), mock(BytesMessage.class));

    @Test
    void aDriverWithABatchSenderGetsOneCommitPerBatch() {
        BatchMessageSender batch = mock(BatchMessageSender.class);
        when(producer.createBatchMessageSender()).thenReturn(batch);
        SourceMessageSender sender = new SourceMessageSender(ID, producer, new ConnectorConfig(Map.of()));

        assertEquals(Arrays.asList(null, null, null), sender.send(messages));
        InOrder order = inOrder(batch);
        for (BytesMessage m : messages) {
            order.verify(batch).send(m);
        }
        order.verify(batch).commit();
        verify(producer, never()).sendAsync(any());
    }

    @Test
    void aFailedCommitIsRolledBackAndFailsTheBatch() {
        BatchMessageSender batch = mock(BatchMessageSender.class);
        when(producer.createBatchMessageSender()).thenReturn(batch);
        doThrow(new IllegalStateException("broker gone")).when(batch).commit();
        SourceMessageSender sender = new SourceMessageSender(ID, producer, new ConnectorConfig(Map.of()));

        assertThrows(ConnectException.class, () -> sender.send(messages));
        verify(batch).rollback();
    }

    @Test
    void withoutABatchSenderResultsComeInOrderEvenWhenTheDriverRefusesAsyncPartWay() {
        when(producer.createBatchMessageSender()).thenReturn(null);
        SendResult first = result("1");
        SendResult second = result("2");
        SendResult third = result("3");
        Future<SendResult> future = done(first);
        when(producer.sendAsync(messages.get(0))).thenReturn(future);
        when(producer.sendAsync(messages.get(1))).thenThrow(new OMSNotSupportedException("-1", "no async"));
        when(producer.send(messages.get(1))).thenReturn(second);
        when(producer.send(messages.get(2))).thenReturn(third);
        SourceMessageSender sender = new SourceMessageSender(ID, producer, new ConnectorConfig(Map.of()));

        assertEquals(List.of(first, second, third), sender.send(messages));
        verify(producer, never()).sendAsync(messages.get(2)); // refused once, never asked again
    }

    @Test
    void sendAsyncFalseAndSendBatchFalseSendOneByOne() {
        SourceMessageSender sender = new SourceMessageSender(ID, producer,
                new ConnectorConfig(Map.of(SourceMessageSender.SEND_BATCH, "false", SourceMessageSender.SEND_ASYNC, "false")));
        SendResult r = result("x");
        when(producer.send(any())).thenReturn(r);

        assertEquals(List.of(r, r, r), sender.send(messages));
        verify(producer, never()).createBatchMessageSender();
        verify(producer, never()).sendAsync(any());
    }

    @Test
    void aFailedAsyncSendFailsTheBatch() {
        when(producer.createBatchMessageSender()).thenReturn(null);
        @SuppressWarnings("unchecked")
        Future<SendResult> failed = mock(Future.class);
        when(failed.get(anyLong())).thenReturn(null);
        when(failed.getThrowable()).thenReturn(new IllegalStateException("nack"));
        when(producer.sendAsync(any())).thenReturn(failed);
        SourceMessageSender sender = new SourceMessageSender(ID, producer, new ConnectorConfig(Map.of()));

        assertThrows(ConnectException.class, () -> sender.send(messages));
    }

    private static SendResult result(String id) {
        SendResult r = mock(SendResult.class);
        when(r.messageId()).thenReturn(id);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Future<SendResult> done(SendResult r) {
        Future<SendResult> f = mock(Future.class);
        when(f.get(anyLong())).thenReturn(r);
        when(f.isDone()).thenReturn(true);
        return f;
    }
}
