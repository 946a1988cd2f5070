package io.openmessaging.local.message;

import io.openmessaging.exception.OMSRuntimeException;

/**
 * Identifies a stored message: its queue and offset, written {@code <queue>@<offset>}. It is both
 * the MESSAGE_ID and the RECEIPT_HANDLE (the consumer knows its group).
 */
public record MessageId(String queue, long offset) {

    public static MessageId parse(String text) {
        int at = text == null ? -1 : text.lastIndexOf('@');
        if (at <= 0) {
            throw new OMSRuntimeException("-1", "not an oms:local message id or receipt handle: '" + text + "'");
        }
        try {
            return new MessageId(text.substring(0, at), Long.parseLong(text.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new OMSRuntimeException("-1", "not an oms:local message id or receipt handle: '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return queue + '@' + offset;
    }
}
