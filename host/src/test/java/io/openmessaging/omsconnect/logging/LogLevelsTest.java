package io.openmessaging.omsconnect.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogLevelsTest {
    private final AtomicLong clock = new AtomicLong(1_000);
    private final LogLevels levels = new LogLevels(clock::get);
    private final Logger parent = LoggerFactory.getLogger("omsconnect.loglevels.test");
    private final Logger child = LoggerFactory.getLogger("omsconnect.loglevels.test.child");

    @AfterEach
    void unset() {
        ((ch.qos.logback.classic.Logger) parent).setLevel(null);
        ((ch.qos.logback.classic.Logger) child).setLevel(null);
    }

    @Test
    void aLevelSetOnALoggerReachesTheLoggersBelowIt() {
        assertFalse(child.isDebugEnabled());
        assertEquals(List.of("omsconnect.loglevels.test", "omsconnect.loglevels.test.child"),
                levels.set("omsconnect.loglevels.test", "debug"));
        assertTrue(child.isDebugEnabled());
        assertEquals(new LogLevels.LoggerLevel("DEBUG", 1_000L), levels.of("omsconnect.loglevels.test.child").orElseThrow());
        assertEquals(new LogLevels.LoggerLevel("DEBUG", 1_000L), levels.explicit().get("omsconnect.loglevels.test"));
    }

    @Test
    void aLoggerNeverSetShowsItsEffectiveLevelWithNoTime() {
        LogLevels.LoggerLevel level = levels.of("omsconnect.loglevels.test.child").orElseThrow();
        assertNull(level.lastModified());
        assertEquals(levels.of("root").orElseThrow().level(), level.level(), "inherited from the root");
        assertFalse(levels.explicit().containsKey("omsconnect.loglevels.test.child"), "no level of its own");
        assertTrue(levels.explicit().containsKey("root"));
    }

    @Test
    void unknownLoggersAndLevelsAreRefused() {
        assertTrue(levels.of("no.such.logger.anywhere").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> levels.set("omsconnect.loglevels.test", "LOUD"));
        assertThrows(IllegalArgumentException.class, () -> levels.set("omsconnect.loglevels.test", null));
        assertNull(((ch.qos.logback.classic.Logger) parent).getLevel(), "nothing set by a refused call");
    }
}
