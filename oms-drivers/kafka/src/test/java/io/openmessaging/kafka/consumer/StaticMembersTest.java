package io.openmessaging.kafka.consumer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StaticMembersTest {
    @Test
    void eachConsumerOfAGroupGetsTheLowestFreeNumberSoARestartedOneComesBackUnderItsId() {
        StaticMembers members = new StaticMembers("worker-1");
        assertEquals("worker-1.sink.0", members.claim("sink"));
        assertEquals("worker-1.sink.1", members.claim("sink"));
        assertEquals("worker-1.other.0", members.claim("other"), "numbered per group");
        members.release("sink", "worker-1.sink.0");
        assertEquals("worker-1.sink.0", members.claim("sink"), "a task restarted takes the id it had");
        assertEquals("worker-1.sink.2", members.claim("sink"));
    }

    @Test
    void offWithoutAPrefix() {
        assertNull(new StaticMembers(null).claim("g"));
        assertNull(new StaticMembers(" ").claim("g"));
        new StaticMembers(null).release("g", null); // nothing to give back
    }

    @Test
    void aGroupWhoseNameHasDotsIsNumberedToo() {
        StaticMembers members = new StaticMembers("w");
        String id = members.claim("a.b.c");
        assertEquals("w.a.b.c.0", id);
        members.release("a.b.c", id);
        assertEquals("w.a.b.c.0", members.claim("a.b.c"));
    }
}
