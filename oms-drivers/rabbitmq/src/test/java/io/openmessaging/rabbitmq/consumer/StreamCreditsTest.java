package io.openmessaging.rabbitmq.consumer;

import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamCreditsTest {
    /** A channel that records its {@code basicAck(tag, multiple)} calls as "tag/multiple" and does nothing else. */
    private static Channel recording(List<String> acks) {
        return (Channel) Proxy.newProxyInstance(Channel.class.getClassLoader(), new Class<?>[]{Channel.class}, (proxy, method, args) -> {
            if (method.getName().equals("basicAck")) {
                acks.add(args[0] + "/" + args[1]);
            }
            return method.getReturnType() == boolean.class ? false : null;
        });
    }

    @Test
    void oneMultipleAckOfTheHighestTagStandsForABatch() throws Exception {
        List<String> acks = new ArrayList<>();
        Channel channel = recording(acks);
        StreamCredits credits = new StreamCredits(3);
        credits.settled(channel, 2);
        credits.settled(channel, 1);
        assertEquals(List.of(), acks, "held until a batch");
        credits.settled(channel, 3);
        assertEquals(List.of("3/true"), acks);
    }

    @Test
    void aTagAlreadyCoveredIsNeverAckedAgain() throws Exception {
        List<String> acks = new ArrayList<>();
        Channel channel = recording(acks);
        StreamCredits credits = new StreamCredits(2);
        credits.settled(channel, 5);
        credits.settled(channel, 6);
        credits.settled(channel, 4); // settled late, out of order: covered by 6
        credits.flush();
        assertEquals(List.of("6/true"), acks, "the broker closes a channel that acks a tag twice");
        credits.settled(channel, 7);
        credits.flush();
        credits.flush();
        assertEquals(List.of("6/true", "7/true"), acks, "a flush acks what is held, once");
    }

    @Test
    void aNewChannelStartsItsTagsAgain() throws Exception {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        StreamCredits credits = new StreamCredits(1);
        credits.settled(recording(first), 40);
        Channel replacement = recording(second);
        credits.settled(replacement, 1);
        assertEquals(List.of("40/true"), first);
        assertEquals(List.of("1/true"), second, "tag 1 of the new channel is not covered by tag 40 of the old one");
    }
}
