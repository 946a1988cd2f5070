package io.openmessaging.rabbitmq.topology;

import io.openmessaging.KeyValue;
import io.openmessaging.exception.OMSRuntimeException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How much of a topic's stream RabbitMQ keeps, from the access point's attributes. Nothing set means
 * RabbitMQ's default: everything is kept until the stream is deleted. The limits apply per segment
 * file (RabbitMQ deletes whole segments, oldest first), so a stream holds somewhat more than the limit.
 *
 * @param maxLengthBytes {@code rabbitmq.stream.max-length-bytes} → {@code x-max-length-bytes}, 0 = none
 * @param maxAge         {@code rabbitmq.stream.max-age} → {@code x-max-age} ({@code 7D}, {@code 12h}, {@code 30m}, …), null = none
 * @param segmentBytes   {@code rabbitmq.stream.segment-bytes} → {@code x-stream-max-segment-size-bytes}, 0 = RabbitMQ's 500 MB
 */
public record StreamRetention(long maxLengthBytes, String maxAge, long segmentBytes) {
    public static final String MAX_LENGTH_BYTES = "rabbitmq.stream.max-length-bytes";
    public static final String MAX_AGE = "rabbitmq.stream.max-age";
    public static final String SEGMENT_BYTES = "rabbitmq.stream.segment-bytes";
    /** RabbitMQ's units: years, months, days, hours, minutes, seconds. */
    private static final Pattern AGE = Pattern.compile("[1-9][0-9]*(Y|M|D|h|m|s)");

    public StreamRetention {
        if (maxLengthBytes < 0 || segmentBytes < 0) {
            throw new OMSRuntimeException("-1", MAX_LENGTH_BYTES + " and " + SEGMENT_BYTES + " must not be negative");
        }
        if (maxAge != null && !AGE.matcher(maxAge).matches()) {
            throw new OMSRuntimeException("-1", MAX_AGE + " '" + maxAge + "' is not <number><unit> with unit Y, M, D, h, m or s (e.g. 7D)");
        }
    }

    public static StreamRetention from(KeyValue attributes) {
        String maxAge = attributes.getString(MAX_AGE);
        return new StreamRetention(attributes.getLong(MAX_LENGTH_BYTES, 0),
                maxAge == null || maxAge.isBlank() ? null : maxAge.trim(), attributes.getLong(SEGMENT_BYTES, 0));
    }

    /** The stream queue's declaration arguments. */
    public Map<String, Object> queueArguments() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("x-queue-type", "stream");
        if (maxLengthBytes > 0) {
            arguments.put("x-max-length-bytes", maxLengthBytes);
        }
        if (maxAge != null) {
            arguments.put("x-max-age", maxAge);
        }
        if (segmentBytes > 0) {
            arguments.put("x-stream-max-segment-size-bytes", segmentBytes);
        }
        return arguments;
    }

    /** For logs and getQueueAttributes. */
    public String describe() {
        if (maxLengthBytes == 0 && maxAge == null) {
            return "everything (no limit set)";
        }
        return (maxLengthBytes > 0 ? "up to " + maxLengthBytes + " bytes" : "")
                + (maxLengthBytes > 0 && maxAge != null ? ", " : "")
                + (maxAge != null ? "messages younger than " + maxAge : "");
    }
}
