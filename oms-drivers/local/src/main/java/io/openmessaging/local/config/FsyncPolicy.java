package io.openmessaging.local.config;

import io.openmessaging.exception.OMSRuntimeException;
import java.util.Locale;

/**
 * When appended data is forced from the OS page cache to the disk.
 * Every policy writes a record to the OS before a synchronous send returns, so a process crash
 * ({@code kill -9}) never loses an acknowledged message; the policy only decides what survives a
 * power loss or kernel crash.
 */
public enum FsyncPolicy {
    /** Never fsync (the OS writes back on its own): survives process crashes, not power loss. */
    NEVER,
    /** fsync dirty queues every {@code fsync.interval.ms}: a power loss loses at most that window. */
    INTERVAL,
    /** fsync after every write, before the send (or group of async sends) completes. */
    ALWAYS;

    /** Parses {@code never|interval|always}, case-insensitively. */
    public static FsyncPolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OMSRuntimeException("-1", "fsync must be never, interval or always, not '" + text + "'");
        }
    }
}
