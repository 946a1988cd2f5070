package io.openmessaging.omsconnect.transforms;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.api.RecordTopic;
import io.openmessaging.omsconnect.api.config.Validator;

import java.util.Collection;
import java.util.List;

/**
 * Kafka's record headers on an OpenMessaging record: its extensions, one text value per name. The extension
 * {@value RecordTopic#EXTENSION} is the record's topic ({@link RecordTopic}), not a header: no header
 * transform or predicate sees, sets or drops it.
 */
public final class Headers {

    private Headers() {
    }

    /** Whether {@code name} is the topic's extension, which no header operation may name. */
    public static boolean isTopic(String name) {
        return RecordTopic.EXTENSION.equals(name);
    }

    /** Whether the record has a header called {@code name}. */
    public static boolean has(ConnectRecord record, String name) {
        KeyValue extensions = record.getExtensions();
        return !isTopic(name) && extensions != null && extensions.containsKey(name);
    }

    /**
     * Checks a config value naming headers (a name, or a list of names): none may be the topic's extension.
     */
    public static Validator names() {
        return value -> {
            Collection<?> names = value instanceof Collection<?> list ? list : List.of(value);
            return names.stream().anyMatch(n -> isTopic(String.valueOf(n)))
                    ? "must not name \"" + RecordTopic.EXTENSION + "\": that extension is the record's topic, not a header"
                    : null;
        };
    }

    /** Sets a header on a record a transform made (never on its input). */
    static void set(ConnectRecord copy, String name, String text) {
        copy.addExtension(name, text);
    }

    /** Drops headers from a record a transform made (never from its input); its topic stays. */
    static void remove(ConnectRecord copy, Collection<String> names) {
        KeyValue extensions = copy.getExtensions();
        if (extensions == null) {
            return;
        }
        KeyValue kept = new DefaultKeyValue();
        for (String name : extensions.keySet()) {
            if (isTopic(name) || !names.contains(name)) {
                kept.put(name, extensions.getString(name));
            }
        }
        copy.setExtensions(kept);
    }
}
