package io.openmessaging.omsconnect.worker;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The topics each connector's tasks on this worker produced to or consumed from since the connector was
 * created or its topics were last reset (Kafka Connect's KIP-558). Tasks report a topic the first time they
 * use it ({@link Recorder}); a cluster's herder listens to publish each new one to the other workers.
 */
public final class ActiveTopics {
    private final Map<String, Set<String>> byConnector = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** bumped by every reset: a task's cache of what it reported is void once it changed */
    private volatile long generation;

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Records that the connector's tasks use {@code topic}; listeners hear of it the first time only. */
    public void used(String connector, String topic) {
        if (byConnector.computeIfAbsent(connector, c -> ConcurrentHashMap.newKeySet()).add(topic)) {
            listeners.forEach(l -> l.topicUsed(connector, topic));
        }
    }

    /** The connector's topics, sorted; empty when none was used (or since a reset). */
    public Set<String> topics(String connector) {
        return new TreeSet<>(byConnector.getOrDefault(connector, Set.of()));
    }

    /** Forgets the connector's topics: its tasks report each again when they next use it. */
    public void reset(String connector) {
        byConnector.remove(connector);
        generation++;
    }

    /** A recorder for one task: cheap on the record path (it reports a topic again only after a reset). */
    public Recorder recorder(String connector) {
        return new Recorder(connector);
    }

    /** Told of every topic a connector uses for the first time, on the task's thread: keep it short. */
    public interface Listener {
        void topicUsed(String connector, String topic);
    }

    /** Used by one task thread only. */
    public final class Recorder {
        private final String connector;
        private final Set<String> reported = new java.util.HashSet<>();
        private long seenGeneration = generation;
        private String last;

        private Recorder(String connector) {
            this.connector = connector;
        }

        public void used(String topic) {
            if (topic == last) { // the common case: record after record on one topic
                if (seenGeneration == generation) {
                    return;
                }
            }
            if (seenGeneration != generation) {
                reported.clear();
                seenGeneration = generation;
            }
            last = topic;
            if (reported.add(topic)) {
                ActiveTopics.this.used(connector, topic);
            }
        }
    }
}
