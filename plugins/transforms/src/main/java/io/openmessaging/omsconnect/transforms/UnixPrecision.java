package io.openmessaging.omsconnect.transforms;

import java.util.concurrent.TimeUnit;

/** The unit of a Unix timestamp TimestampConverter reads or writes ({@code unix.precision}). */
enum UnixPrecision {
    SECONDS("seconds", TimeUnit.SECONDS),
    MILLISECONDS("milliseconds", TimeUnit.MILLISECONDS),
    MICROSECONDS("microseconds", TimeUnit.MICROSECONDS),
    NANOSECONDS("nanoseconds", TimeUnit.NANOSECONDS);

    private final String configName;
    private final TimeUnit unit;

    UnixPrecision(String configName, TimeUnit unit) {
        this.configName = configName;
        this.unit = unit;
    }

    static UnixPrecision named(String configName) {
        for (UnixPrecision precision : values()) {
            if (precision.configName.equals(configName)) {
                return precision;
            }
        }
        throw new IllegalArgumentException("unknown unix precision " + configName);
    }

    static String[] configNames() {
        return new String[]{NANOSECONDS.configName, MICROSECONDS.configName, MILLISECONDS.configName, SECONDS.configName};
    }

    /** Epoch millis of a timestamp in this unit (sub-millisecond parts are lost, as in Kafka). */
    long toMillis(long timestamp) {
        return unit.toMillis(timestamp);
    }

    long fromMillis(long millis) {
        return unit.convert(millis, TimeUnit.MILLISECONDS);
    }
}
