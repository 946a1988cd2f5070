package io.openmessaging.local.message;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.exception.OMSMessageFormatException;
import io.openmessaging.local.store.Payload;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The stored form of a message: {@code [byte version=1][long born timestamp][int n][n user headers]
 * [int m][m system headers][body]}, a header being {@code [int len][utf-8 key][int len][utf-8 value]}.
 * MESSAGE_ID, DESTINATION and RECEIPT_HANDLE are not stored: they follow from where the record is.
 */
public final class MessageCodec {

    /**
     * System header of a received message: its position in its queue (the record's byte offset), increasing
     * along the queue, so a sink can tell a redelivered message from a new one (the worker gives it to sink
     * records as {@code queueOffset}).
     */
    public static final String QUEUE_OFFSET = "QUEUE_OFFSET";

    private static final byte VERSION = 1;
    private static final Set<String> DERIVED = Set.of(Message.BuiltinKeys.MESSAGE_ID, Message.BuiltinKeys.DESTINATION,
        Message.BuiltinKeys.RECEIPT_HANDLE, Message.BuiltinKeys.BORN_TIMESTAMP, QUEUE_OFFSET);

    private static final byte[][] NO_HEADERS = new byte[0][];

    private MessageCodec() {
    }

    /** A message ready to be stored; the message itself is not kept. */
    public static Payload encode(Message message, long bornTimestamp) {
        byte[] body = message.getBody(byte[].class);
        if (body == null) {
            throw new OMSMessageFormatException("-1", "an oms:local message needs a body");
        }
        byte[][] user = headers(message.userHeaders(), false);
        byte[][] sys = headers(message.sysHeaders(), true);
        return new EncodedMessage(bornTimestamp, user, sys, body);
    }

    /**
     * Reads a stored message; system headers get MESSAGE_ID, DESTINATION, RECEIPT_HANDLE, BORN_TIMESTAMP and
     * {@link #QUEUE_OFFSET}.
     */
    public static LocalBytesMessage decode(String queue, long offset, ByteBuffer payload) {
        byte version = payload.get();
        if (version != VERSION) {
            throw new OMSMessageFormatException("-1", "queue " + queue + " offset " + offset + ": unknown record version " + version);
        }
        long born = payload.getLong();
        Headers user = readHeaders(payload);
        Headers sys = readHeaders(payload);
        byte[] body = new byte[payload.remaining()];
        payload.get(body);
        String id = queue + '@' + offset;
        // stored headers never hold these (see DERIVED): appended without a lookup
        sys.append(Message.BuiltinKeys.MESSAGE_ID, id);
        sys.append(Message.BuiltinKeys.RECEIPT_HANDLE, id);
        sys.append(Message.BuiltinKeys.DESTINATION, queue);
        sys.append(Message.BuiltinKeys.BORN_TIMESTAMP, born);
        sys.append(QUEUE_OFFSET, offset);
        return new LocalBytesMessage(body, sys, user);
    }

    private static byte[][] headers(KeyValue headers, boolean skipDerived) {
        if (headers == null || headers.keySet().isEmpty()) {
            return NO_HEADERS;
        }
        Set<String> keys = headers.keySet();
        int stored = keys.size();
        if (skipDerived) {
            for (String key : keys) {
                if (DERIVED.contains(key)) {
                    stored--;
                }
            }
        }
        if (stored == 0) {
            return NO_HEADERS;
        }
        byte[][] pairs = new byte[stored * 2][];
        int n = 0;
        for (String key : keys) {
            if (skipDerived && DERIVED.contains(key)) {
                continue;
            }
            String value = headers.getString(key);
            if (value == null) {
                continue;
            }
            pairs[n++] = key.getBytes(StandardCharsets.UTF_8);
            pairs[n++] = value.getBytes(StandardCharsets.UTF_8);
        }
        if (n < pairs.length) {
            byte[][] trimmed = new byte[n][];
            System.arraycopy(pairs, 0, trimmed, 0, n);
            return trimmed;
        }
        return pairs;
    }

    private static Headers readHeaders(ByteBuffer payload) {
        int count = payload.getInt();
        Headers headers = new Headers();
        for (int i = 0; i < count; i++) {
            headers.append(readString(payload), readString(payload));
        }
        return headers;
    }

    private static String readString(ByteBuffer payload) {
        int length = payload.getInt();
        byte[] bytes = new byte[length];
        payload.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static final class EncodedMessage implements Payload {
        private final long born;
        private final byte[][] user;
        private final byte[][] sys;
        private final byte[] body;
        private final int size;

        EncodedMessage(long born, byte[][] user, byte[][] sys, byte[] body) {
            this.born = born;
            this.user = user;
            this.sys = sys;
            this.body = body;
            long total = 1 + 8 + 4 + 4 + (long) body.length + headerBytes(user) + headerBytes(sys);
            if (total > Integer.MAX_VALUE - 64) {
                throw new OMSMessageFormatException("-1", "message too large: " + total + " bytes");
            }
            this.size = (int) total;
        }

        private static long headerBytes(byte[][] pairs) {
            long total = 0;
            for (byte[] part : pairs) {
                total += 4 + part.length;
            }
            return total;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void writeTo(ByteBuffer target) {
            target.put(VERSION).putLong(born);
            putHeaders(target, user);
            putHeaders(target, sys);
            target.put(body);
        }

        private static void putHeaders(ByteBuffer target, byte[][] pairs) {
            target.putInt(pairs.length / 2);
            for (byte[] part : pairs) {
                target.putInt(part.length).put(part);
            }
        }
    }
}
