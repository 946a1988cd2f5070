package io.openmessaging.omsconnect.convert;

import io.openmessaging.BytesMessage;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.MessageFactory;
import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordConverter;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.connector.api.data.SchemaAndValue;

import java.util.Base64;
import java.util.Map;

/**
 * How a {@link ConnectRecord} travels as an OMS message, whatever the driver: the value converted to the
 * body; the timestamp as the message's {@code BORN_TIMESTAMP} (OMS's counterpart of a Kafka record's
 * timestamp; drivers that stamp their own send time, RocketMQ's, give the sink that, as RocketMQ Connect
 * does); the key (converted, base64) in a user header under {@value #HEADER_PREFIX}; the record's
 * extensions as user headers under {@value #EXTENSION_PREFIX}, so that they never collide with names a
 * broker reserves for itself (RocketMQ's {@code KEYS}, {@code TAGS}…). The sink side reverses it; headers
 * of messages from other producers (no prefix) become extensions as they are.
 */
public final class RecordMessageCodec {
    public static final String HEADER_PREFIX = "omsconnect-";
    static final String KEY_HEADER = HEADER_PREFIX + "key";
    static final String EXTENSION_PREFIX = HEADER_PREFIX + "ext-";
    /** Where versions before 0.1.0 put the timestamp; still read, for messages they left in a queue. */
    static final String LEGACY_TIMESTAMP_HEADER = HEADER_PREFIX + "timestamp";

    private final RecordConverter valueConverter;
    private final RecordConverter keyConverter;

    public RecordMessageCodec(RecordConverter valueConverter, RecordConverter keyConverter) {
        this.valueConverter = valueConverter;
        this.keyConverter = keyConverter;
    }

    /** The records converted from now on belong to a new batch (see {@link JsonRecordConverter#newBatch()}). */
    public void newBatch() {
        if (valueConverter instanceof JsonRecordConverter json) {
            json.newBatch();
        }
        if (keyConverter instanceof JsonRecordConverter json) {
            json.newBatch();
        }
    }

    public BytesMessage toMessage(MessageFactory factory, String topic, ConnectRecord record) {
        byte[] body = valueConverter.fromConnectData(topic, record.getSchema(), record.getData());
        BytesMessage message = factory.createBytesMessage(topic, body == null ? new byte[0] : body);
        KeyValue ext = record.getExtensions();
        if (ext != null && !onlyTheTopic(ext, topic)) {
            for (String k : ext.keySet()) {
                String v = ext.getString(k);
                // the sink side gives every record its topic back: no need to carry it in each message
                if (v != null && !(k.equals("topic") && v.equals(topic))) {
                    message.putUserHeaders(EXTENSION_PREFIX + k, v);
                }
            }
        }
        if (record.getKey() != null) {
            byte[] key = keyConverter.fromConnectData(topic, record.getKeySchema(), record.getKey());
            message.putUserHeaders(KEY_HEADER, Base64.getEncoder().encodeToString(key));
        }
        if (record.getTimestamp() != null) {
            message.putSysHeaders(Message.BuiltinKeys.BORN_TIMESTAMP, record.getTimestamp());
        }
        return message;
    }

    /** True for the common extensions of a source record, its topic alone: nothing to copy into headers. */
    private static boolean onlyTheTopic(KeyValue ext, String topic) {
        return ext.keySet().size() == 1 && topic.equals(ext.getString("topic"));
    }

    public ConnectRecord toRecord(String topic, Message message, RecordPartition partition, RecordOffset offset) {
        byte[] body = message.getBody(byte[].class);
        SchemaAndValue value = valueConverter.toConnectData(topic, body);
        KeyValue headers = message.userHeaders();
        ConnectRecord record = new ConnectRecord(partition, offset, timestamp(message, headers), value.schema(), value.value());
        KeyValue ext = new RecordExtensions();
        if (headers != null) {
            for (String k : headers.keySet()) {
                if (k.equals(KEY_HEADER)) {
                    SchemaAndValue key = keyConverter.toConnectData(topic, Base64.getDecoder().decode(headers.getString(k)));
                    record.setKeySchema(key.schema());
                    record.setKey(key.value());
                } else if (k.startsWith(EXTENSION_PREFIX)) {
                    ext.put(k.substring(EXTENSION_PREFIX.length()), headers.getString(k));
                } else if (!k.startsWith(HEADER_PREFIX)) {
                    ext.put(k, headers.getString(k));
                }
            }
        }
        if (!ext.containsKey("topic")) {
            ext.put("topic", topic); // sinks that route by topic (as sources set it) find it where they look
        }
        record.setExtensions(ext);
        return record;
    }

    private static Long timestamp(Message message, KeyValue userHeaders) {
        String legacy = userHeaders == null ? null : userHeaders.getString(LEGACY_TIMESTAMP_HEADER);
        if (legacy != null) {
            return Long.parseLong(legacy);
        }
        KeyValue sys = message.sysHeaders();
        long born = sys == null ? NO_TIMESTAMP : sys.getLong(Message.BuiltinKeys.BORN_TIMESTAMP, NO_TIMESTAMP);
        return born == NO_TIMESTAMP ? null : born;
    }

    /** What {@code getLong} answers for a message with no BORN_TIMESTAMP: one lookup, not two. */
    private static final long NO_TIMESTAMP = Long.MIN_VALUE;

    /**
     * The handle to ack a received message with: its {@code RECEIPT_HANDLE}, or, for drivers that set none
     * (RocketMQ's), its {@code MESSAGE_ID}.
     */
    public static String ackHandle(Message message) {
        String handle = message.sysHeaders().getString(Message.BuiltinKeys.RECEIPT_HANDLE);
        return handle != null ? handle : message.sysHeaders().getString(Message.BuiltinKeys.MESSAGE_ID);
    }
}
