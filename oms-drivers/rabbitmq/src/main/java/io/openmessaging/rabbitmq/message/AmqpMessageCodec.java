package io.openmessaging.rabbitmq.message;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;
import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSMessageFormatException;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * OMS message ↔ AMQP message. The body goes as is; OMS user headers become AMQP headers
 * {@value #USER_PREFIX}{@code <key>} and OMS sys headers {@value #SYS_PREFIX}{@code <key>}, so the two stay
 * apart on the way back. The message id and the born timestamp also fill the AMQP properties
 * {@code message-id} and {@code timestamp} (seconds) for other AMQP clients; messages are persistent.
 * Headers of messages from other AMQP publishers (no prefix, not {@code x-}) arrive as user headers.
 */
public final class AmqpMessageCodec {
    public static final String USER_PREFIX = "oms.user.";
    public static final String SYS_PREFIX = "oms.sys.";
    /** Sys header of a message received from a stream: its offset there (OMS 0.3.1 has no key for it). */
    public static final String QUEUE_OFFSET = "QUEUE_OFFSET";
    /** The delivery header in which RabbitMQ tells a stream message's offset. */
    public static final String STREAM_OFFSET = "x-stream-offset";
    private static final int PERSISTENT = 2;
    private static final String CONTENT_TYPE = "application/octet-stream";
    /** Quorum queues count deliveries in this header; classic queues only flag a redelivery. */
    private static final String DELIVERY_COUNT = "x-delivery-count";
    /** Sys headers that describe one delivery, not the message: never carried to the broker. */
    private static final Set<String> PER_DELIVERY = Set.of(Message.BuiltinKeys.MESSAGE_ID, Message.BuiltinKeys.DESTINATION,
            Message.BuiltinKeys.RECEIPT_HANDLE, Message.BuiltinKeys.REDELIVERED_NUMBER, Message.BuiltinKeys.REDELIVERED_REASON, QUEUE_OFFSET);

    private AmqpMessageCodec() {
    }

    /** The body to publish: the message's bytes. */
    public static byte[] body(Message message) {
        byte[] body = message.getBody(byte[].class);
        if (body == null) {
            throw new OMSMessageFormatException("-1", "Message body is null");
        }
        return body;
    }

    /** The topic a message is sent to: its DESTINATION sys header. */
    public static String destination(Message message) {
        String destination = message.sysHeaders().getString(Message.BuiltinKeys.DESTINATION);
        if (destination == null || destination.isEmpty()) {
            throw new OMSMessageFormatException("-1", "Message has no DESTINATION: create it with producer.createBytesMessage(queue, body)");
        }
        return destination;
    }

    /** Persistent AMQP properties carrying the message's headers, its id and born timestamp. */
    public static AMQP.BasicProperties properties(Message message, String messageId, long bornTimestamp) {
        Map<String, Object> headers = new HashMap<>();
        copy(message.sysHeaders(), SYS_PREFIX, headers, PER_DELIVERY);
        copy(message.userHeaders(), USER_PREFIX, headers, Set.of());
        headers.putIfAbsent(SYS_PREFIX + Message.BuiltinKeys.BORN_TIMESTAMP, bornTimestamp);
        return new AMQP.BasicProperties.Builder()
                .deliveryMode(PERSISTENT)
                .contentType(CONTENT_TYPE)
                .messageId(messageId)
                .timestamp(new Date(bornTimestamp))
                .headers(headers)
                .build();
    }

    /** The OMS message of a delivery from the group queue of {@code topic}. */
    public static BytesMessageImpl message(String topic, Envelope envelope, AMQP.BasicProperties properties, byte[] body,
                                           String receiptHandle) {
        BytesMessageImpl message = new BytesMessageImpl(topic, body);
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            String key = header.getKey();
            if (key.startsWith(SYS_PREFIX)) {
                message.putSysHeaders(key.substring(SYS_PREFIX.length()), text(header.getValue()));
            } else if (key.startsWith(USER_PREFIX)) {
                message.putUserHeaders(key.substring(USER_PREFIX.length()), text(header.getValue()));
            } else if (!key.startsWith("x-")) {
                message.putUserHeaders(key, text(header.getValue()));
            }
        }
        if (properties.getMessageId() != null) {
            message.putSysHeaders(Message.BuiltinKeys.MESSAGE_ID, properties.getMessageId());
        }
        if (!message.sysHeaders().containsKey(Message.BuiltinKeys.BORN_TIMESTAMP) && properties.getTimestamp() != null) {
            message.putSysHeaders(Message.BuiltinKeys.BORN_TIMESTAMP, properties.getTimestamp().getTime());
        }
        message.putSysHeaders(Message.BuiltinKeys.RECEIPT_HANDLE, receiptHandle);
        Object deliveryCount = headers.get(DELIVERY_COUNT);
        if (deliveryCount instanceof Number count && count.longValue() > 0) {
            message.putSysHeaders(Message.BuiltinKeys.REDELIVERED_NUMBER, count.longValue());
        } else if (envelope.isRedeliver()) {
            // classic queues tell only that it was delivered before, not how often
            message.putSysHeaders(Message.BuiltinKeys.REDELIVERED_NUMBER, 1);
        }
        return message;
    }

    private static void copy(KeyValue from, String prefix, Map<String, Object> to, Set<String> skipped) {
        for (String key : from.keySet()) {
            if (!skipped.contains(key)) {
                String value = from.getString(key);
                if (value != null) {
                    to.put(prefix + key, value);
                }
            }
        }
    }

    private static String text(Object value) {
        if (value instanceof LongString longString) {
            return longString.toString();
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }
}
