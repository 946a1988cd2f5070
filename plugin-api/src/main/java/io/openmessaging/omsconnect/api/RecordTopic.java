package io.openmessaging.omsconnect.api;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.data.ConnectRecord;

/**
 * Where a record's topic is while transforms and predicates see it: the record extension {@value #EXTENSION}.
 * The OpenMessaging Connect API's records have no topic field; the worker sets this extension on every record
 * before its transforms run (a sink record: the queue it came from; a source record: the topic the connector
 * gave it, else the connector's configured topic), and a source record is sent to the topic it names after
 * them, so a transform routes a record by setting it.
 */
public final class RecordTopic {
    public static final String EXTENSION = "topic";

    private RecordTopic() {
    }

    /**
     * The record's topic; null when it has none. A blank one counts as none: RocketMQ Connect's connectors set
     * {@code topic=""} when theirs is unset, and its runtime then sends to the connector's topic.
     */
    public static String of(ConnectRecord record) {
        KeyValue extensions = record.getExtensions();
        String topic = extensions == null ? null : extensions.getString(EXTENSION);
        return topic == null || topic.isBlank() ? null : topic;
    }

    /** Routes the record to {@code topic}. */
    public static void set(ConnectRecord record, String topic) {
        record.addExtension(EXTENSION, topic);
    }
}
