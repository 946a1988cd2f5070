package io.openmessaging.kafka.consumer;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Kafka static membership for the consumers of one access point ({@code kafka.group.instance.prefix}): each consumer
 * of group {@code G} gets {@code group.instance.id} {@code <prefix>.<G>.<n>}, {@code n} the lowest number no live
 * consumer of {@code G} here holds. A worker restarted (even after {@code kill -9}) makes its consumers again in the
 * same way, so each comes back under the id it had and takes its partitions at once: the group does not wait for
 * the dead member's session to time out (45 s by default), and does not rebalance. The prefix must be unique per
 * worker (its worker id): two workers with one prefix would fence each other's consumers.
 */
public final class StaticMembers {
    /** The access-point key that turns it on; absent or blank: dynamic membership, Kafka's default. */
    public static final String PREFIX_KEY = "kafka.group.instance.prefix";

    private final String prefix;
    private final Map<String, BitSet> taken = new HashMap<>();

    /** @param prefix null or blank: off ({@link #claim} gives null) */
    public StaticMembers(String prefix) {
        this.prefix = prefix == null || prefix.isBlank() ? null : prefix.trim();
    }

    /** The instance id for a new consumer of {@code group}, or null when static membership is off. */
    public synchronized String claim(String group) {
        if (prefix == null) {
            return null;
        }
        BitSet ids = taken.computeIfAbsent(group, g -> new BitSet());
        int n = ids.nextClearBit(0);
        ids.set(n);
        return id(group, n);
    }

    /** Gives back the id {@link #claim} gave (null: nothing), once its consumer is closed. */
    public synchronized void release(String group, String instanceId) {
        if (instanceId == null) {
            return;
        }
        BitSet ids = taken.get(group);
        if (ids == null) {
            return;
        }
        String start = prefix + "." + group + ".";
        if (instanceId.startsWith(start)) {
            ids.clear(Integer.parseInt(instanceId.substring(start.length())));
        }
        if (ids.isEmpty()) {
            taken.remove(group);
        }
    }

    private String id(String group, int n) {
        return prefix + "." + group + "." + n;
    }
}
