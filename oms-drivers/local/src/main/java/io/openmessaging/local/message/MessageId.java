package io.openmessaging.local.message;

import io.openmessaging.exception.OMSRuntimeException;

/**
 * Identifies a stored message: its queue and offset, written {@code <queue>@<offset>}. It is both
 * the MESSAGE_ID and the RECEIPT_HANDLE (the consumer knows its group).
 */
public record MessageId(String queue, long offset) {

    public static MessageId parse(String text) {
        int at = separator(text);
        return new MessageId(text.substring(0, at), offset(text, at));
    }

    /** Where the queue name of an id ends (the index of its '@'); an id that has none is refused. */
    public static int separator(String text) {
        int at = text == null ? -1 : text.lastIndexOf('@');
        if (at <= 0) {
            throw invalid(text);
        }
        return at;
    }

    /** The offset of an id whose {@link #separator} is {@code at}, read in place: acks do this per message. */
    public static long offset(String text, int at) {
        try {
            return Long.parseLong(text, at + 1, text.length(), 10);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static OMSRuntimeException invalid(String text) {
        return new OMSRuntimeException("-1", "not an oms:local message id or receipt handle: '" + text + "'");
    }

    @Override
    public String toString() {
        return queue + '@' + offset;
    }
}
