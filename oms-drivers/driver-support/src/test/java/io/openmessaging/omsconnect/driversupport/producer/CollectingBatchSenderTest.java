package io.openmessaging.omsconnect.driversupport.producer;

import io.openmessaging.Message;
import io.openmessaging.exception.OMSRuntimeException;
import io.openmessaging.omsconnect.driversupport.message.TestMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollectingBatchSenderTest {
    private final Dispatcher dispatcher = new Dispatcher();
    private final CollectingBatchSender sender = new CollectingBatchSender(Dispatcher::check, dispatcher);

    @Test
    void commitHandsOverTheBatchInOrderOnceAndWaitsForEveryAcknowledgement() {
        Message a = message("a");
        Message b = message("b");
        assertSame(sender, sender.send(a).send(b));
        assertTrue(dispatcher.batches.isEmpty(), "nothing leaves before commit");

        sender.commit();

        assertEquals(List.of(List.of(a, b)), dispatcher.batches);
        assertEquals(List.of("a", "b"), dispatcher.awaited);
        sender.commit();
        assertEquals(1, dispatcher.batches.size(), "an empty commit hands over nothing");
    }

    @Test
    void aMessageThatCouldNeverBeSentIsRefusedAtSendAndLeftOutOfTheBatch() {
        sender.send(message("a"));
        assertThrows(OMSRuntimeException.class, () -> sender.send(new TestMessage(null, new byte[0])));
        sender.commit();
        assertEquals(List.of("a"), dispatcher.awaited);
    }

    @Test
    void rollbackDiscardsWhatWasCollected() {
        sender.send(message("a"));
        sender.rollback();
        sender.send(message("b"));
        sender.commit();
        assertEquals(List.of("b"), dispatcher.awaited);
    }

    @Test
    void aFailedCommitWaitsForAllAndTellsHowManyWereNotAcknowledged() {
        dispatcher.failing = List.of("b", "c");
        sender.send(message("a")).send(message("b")).send(message("c"));

        OMSRuntimeException error = assertThrows(OMSRuntimeException.class, sender::commit);

        assertEquals(List.of("a", "b", "c"), dispatcher.awaited);
        assertEquals("2 of 3 messages of the batch were not acknowledged (the others are stored): b not stored", error.getMessage());
        assertEquals("b not stored", error.getCause().getMessage());
        dispatcher.failing = List.of();
        sender.commit();
        assertEquals(1, dispatcher.batches.size(), "the failed batch is not sent again");
    }

    @Test
    void aBatchTheDispatcherRefusedIsNotSentAgainByTheNextCommit() {
        dispatcher.refuseDispatch = true;
        sender.send(message("a"));
        assertThrows(OMSRuntimeException.class, sender::commit);
        dispatcher.refuseDispatch = false;
        sender.commit();
        assertTrue(dispatcher.awaited.isEmpty());
    }

    @Test
    void aClosedSenderRefusesEverythingButRollbackAndClose() {
        sender.send(message("a"));
        sender.close();
        OMSRuntimeException error = assertThrows(OMSRuntimeException.class, () -> sender.send(message("b")));
        assertEquals("This batch sender is closed", error.getMessage());
        assertThrows(OMSRuntimeException.class, sender::commit);
        sender.rollback();
        sender.close();
        assertTrue(dispatcher.batches.isEmpty());
    }

    private static Message message(String destination) {
        return new TestMessage(destination, new byte[0]);
    }

    /** Acknowledges each message unless its destination is in {@link #failing}; a message without one is refused. */
    private static final class Dispatcher implements BatchDispatcher {
        final List<List<Message>> batches = new ArrayList<>();
        final List<String> awaited = new ArrayList<>();
        List<String> failing = List.of();
        boolean refuseDispatch;

        static void check(Message message) {
            if (destination(message) == null) {
                throw new OMSRuntimeException("-1", "no destination");
            }
        }

        @Override
        public List<Acknowledgement> dispatch(List<Message> messages) {
            if (refuseDispatch) {
                throw new OMSRuntimeException("-1", "the producer is closed");
            }
            batches.add(List.copyOf(messages));
            List<Acknowledgement> acks = new ArrayList<>();
            for (Message message : messages) {
                String destination = destination(message);
                acks.add(() -> {
                    awaited.add(destination);
                    if (failing.contains(destination)) {
                        throw new OMSRuntimeException("-1", destination + " not stored");
                    }
                });
            }
            return acks;
        }

        private static String destination(Message message) {
            return message.sysHeaders().getString(Message.BuiltinKeys.DESTINATION);
        }
    }
}
