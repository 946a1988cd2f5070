package io.openmessaging.omsconnect.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The worker's log levels at run time, on logback (Kafka Connect's {@code /admin/loggers}, KIP-495): the
 * loggers with a level of their own, one logger's effective level, and a new level for a logger and every
 * logger below it. Plugins log through the worker's slf4j, so their loggers are here too. Levels set here
 * are not kept over a restart (as Kafka's).
 */
public final class LogLevels {
    /** Kafka's name for the root logger. */
    public static final String ROOT = "root";
    private static final List<String> LEVELS = List.of("OFF", "ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    private final LongSupplier wallClock;
    /** logger → when its level was last set here (ms since the epoch) */
    private final Map<String, Long> modified = new ConcurrentHashMap<>();

    public LogLevels(LongSupplier wallClock) {
        this.wallClock = wallClock;
    }

    /** A logger's level and when it was last set here (null: not since the worker started). */
    public record LoggerLevel(String level, Long lastModified) {
    }

    /** The loggers that have a level of their own (not only inherited), and the root; sorted by name. */
    public Map<String, LoggerLevel> explicit() {
        Map<String, LoggerLevel> out = new TreeMap<>();
        for (Logger l : context().getLoggerList()) {
            if (l.getLevel() != null) {
                out.put(nameOf(l), new LoggerLevel(l.getLevel().toString(), modified.get(nameOf(l))));
            }
        }
        return out;
    }

    /** A logger's effective level, when logback knows a logger of that name. */
    public Optional<LoggerLevel> of(String name) {
        Logger l = ROOT.equalsIgnoreCase(name) ? root() : context().exists(name);
        return l == null ? Optional.empty()
                : Optional.of(new LoggerLevel(l.getEffectiveLevel().toString(), modified.get(nameOf(l))));
    }

    /**
     * Sets {@code level} on the logger {@code name} and every known logger below it ("root": all of them).
     *
     * @return the names of the loggers set, sorted
     * @throws IllegalArgumentException when {@code level} is no log level
     */
    public List<String> set(String name, String level) {
        Level parsed = parse(level);
        List<Logger> targets = new ArrayList<>();
        if (ROOT.equalsIgnoreCase(name)) {
            targets.addAll(context().getLoggerList());
        } else {
            targets.add(context().getLogger(name));
            for (Logger l : context().getLoggerList()) {
                if (l.getName().startsWith(name + ".")) {
                    targets.add(l);
                }
            }
        }
        long now = wallClock.getAsLong();
        List<String> names = new ArrayList<>();
        for (Logger l : targets) {
            l.setLevel(parsed);
            modified.put(nameOf(l), now);
            names.add(nameOf(l));
        }
        return names.stream().distinct().sorted().toList();
    }

    /** Checks a level name the way {@link #set} does. */
    public static Level parse(String level) {
        String upper = level == null ? "" : level.trim().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new IllegalArgumentException("invalid log level '" + level + "': one of " + LEVELS);
        }
        return Level.toLevel(upper);
    }

    private static String nameOf(Logger l) {
        return Logger.ROOT_LOGGER_NAME.equals(l.getName()) ? ROOT : l.getName();
    }

    private static Logger root() {
        return context().getLogger(Logger.ROOT_LOGGER_NAME);
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
