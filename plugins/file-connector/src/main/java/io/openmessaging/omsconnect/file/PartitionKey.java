package io.openmessaging.omsconnect.file;

import io.openmessaging.connector.api.data.RecordPartition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A record partition as one word of printable ASCII: its entries sorted by name, each name and
 * value percent-encoded (UTF-8) and joined as {@code name=value&name=value}. Two partitions with
 * the same entries get the same key whatever their map's order, and the key holds no space, line
 * break or other character the commit log's line format would trip on, whatever the topic is
 * called. Values are compared as text: a queue id {@code 1} and {@code "1"} are one queue.
 */
final class PartitionKey {

    /** The key of records without a partition: every other key holds a {@code =}, so none equals it. */
    static final String NONE = "-";

    private PartitionKey() {
    }

    static String of(RecordPartition partition) {
        Map<String, ?> entries = partition == null ? null : partition.getPartition();
        if (entries == null || entries.isEmpty()) {
            return NONE;
        }
        StringBuilder key = new StringBuilder();
        for (Map.Entry<String, ?> entry : sorted(entries).entrySet()) {
            if (key.length() > 0) {
                key.append('&');
            }
            key.append(encode(String.valueOf(entry.getKey()))).append('=').append(encode(String.valueOf(entry.getValue())));
        }
        return key.toString();
    }

    private static Map<String, Object> sorted(Map<String, ?> entries) {
        Map<String, Object> sorted = new TreeMap<>(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
        sorted.putAll(entries);
        return sorted;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
