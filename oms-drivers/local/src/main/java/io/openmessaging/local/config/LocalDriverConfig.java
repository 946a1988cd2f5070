package io.openmessaging.local.config;

import io.openmessaging.KeyValue;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.exception.OMSRuntimeException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings of one {@code oms:local://<dir>/<namespace>[?key=value&...]} access point.
 * Options come from the URL query and may be overridden by the same keys in the access point's
 * attributes: {@code segment.bytes} (default 64 MiB), {@code fsync} ({@code never|interval|always},
 * default never), {@code fsync.interval.ms} (1000), {@code offset.flush.interval.ms} (1000),
 * {@code write.buffer.bytes} (256 KiB, the group-commit buffer of each queue).
 *
 * @param directory        the namespace's own folder, {@code <dir>/<namespace>}, absolute
 * @param namespace        the namespace (OMS {@code REGION}), {@code default} when the URL names none
 */
public record LocalDriverConfig(Path directory, String namespace, long segmentBytes, FsyncPolicy fsync,
                                long fsyncIntervalMs, long offsetFlushIntervalMs, int writeBufferBytes) {

    /** The URL scheme prefix of this driver. */
    public static final String URL_PREFIX = "oms:local://";
    /** Attribute key under which the host passes the whole driver URL. */
    public static final String DRIVER_URL_KEY = "OMS_DRIVER_URL";
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String FSYNC = "fsync";
    public static final String FSYNC_INTERVAL_MS = "fsync.interval.ms";
    public static final String OFFSET_FLUSH_INTERVAL_MS = "offset.flush.interval.ms";
    public static final String WRITE_BUFFER_BYTES = "write.buffer.bytes";
    public static final String DEFAULT_NAMESPACE = "default";

    private static final String[] OPTION_KEYS = {SEGMENT_BYTES, FSYNC, FSYNC_INTERVAL_MS, OFFSET_FLUSH_INTERVAL_MS, WRITE_BUFFER_BYTES};

    public LocalDriverConfig {
        if (segmentBytes < 1024) {
            throw invalid(SEGMENT_BYTES + " must be at least 1024, is " + segmentBytes);
        }
        if (fsyncIntervalMs < 1 || offsetFlushIntervalMs < 1) {
            throw invalid("intervals must be positive");
        }
        if (writeBufferBytes < 4096) {
            throw invalid(WRITE_BUFFER_BYTES + " must be at least 4096, is " + writeBufferBytes);
        }
    }

    /**
     * Reads the settings from an access point's attributes: the whole URL under {@code OMS_DRIVER_URL}
     * when present, else {@code ACCESS_POINTS} (the data directory) and {@code REGION} (the namespace).
     * A relative directory is resolved against the working directory.
     */
    public static LocalDriverConfig from(KeyValue attributes) {
        String url = attributes.getString(DRIVER_URL_KEY);
        String location;
        if (url != null && url.startsWith(URL_PREFIX)) {
            location = url.substring(URL_PREFIX.length());
        } else {
            String accessPoints = attributes.getString(OMSBuiltinKeys.ACCESS_POINTS);
            if (accessPoints == null || accessPoints.isBlank()) {
                throw invalid("no data directory: give " + URL_PREFIX + "<dir>/<namespace> or ACCESS_POINTS");
            }
            String region = attributes.getString(OMSBuiltinKeys.REGION);
            location = region == null ? accessPoints : accessPoints + "/" + region;
        }
        Map<String, String> options = new HashMap<>();
        int query = location.indexOf('?');
        if (query >= 0) {
            for (String pair : location.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    options.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            location = location.substring(0, query);
        }
        for (String key : OPTION_KEYS) {
            String value = attributes.getString(key);
            if (value != null) {
                options.put(key, value);
            }
        }
        while (location.length() > 1 && location.endsWith("/")) {
            location = location.substring(0, location.length() - 1);
        }
        int slash = location.lastIndexOf('/');
        String dir = slash < 0 ? "" : location.substring(0, slash);
        String namespace = slash < 0 ? location : location.substring(slash + 1);
        if (slash == 0) {
            dir = "/";
        }
        if (dir.isEmpty() || namespace.isEmpty()) {
            throw invalid("the URL must be " + URL_PREFIX + "<dir>/<namespace>, got '" + location + "'");
        }
        Path directory = Path.of(dir).toAbsolutePath().normalize().resolve(namespace);
        return new LocalDriverConfig(directory, namespace,
            parseLong(options, SEGMENT_BYTES, 64L << 20),
            FsyncPolicy.parse(options.getOrDefault(FSYNC, "never")),
            parseLong(options, FSYNC_INTERVAL_MS, 1000),
            parseLong(options, OFFSET_FLUSH_INTERVAL_MS, 1000),
            (int) parseLong(options, WRITE_BUFFER_BYTES, 256 << 10));
    }

    private static long parseLong(Map<String, String> options, String key, long defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key + " must be a number, not '" + value + "'");
        }
    }

    private static OMSRuntimeException invalid(String message) {
        return new OMSRuntimeException("-1", "oms:local driver: " + message);
    }
}
