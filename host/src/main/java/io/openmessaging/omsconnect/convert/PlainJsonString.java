package io.openmessaging.omsconnect.convert;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The common case of a JSON string value, one with no quote, backslash or control character (a line of a
 * log, an id, a name), written and read without a JSON library: it needs no escaping, so its JSON form is
 * its UTF-8 bytes between quotes. Printable ASCII, the most common case of all, costs one copy and one scan
 * eight bytes at a time each way; other plain strings go through the JDK's UTF-8 coding and vectorized
 * {@code indexOf}. Anything else is "not plain" and goes through fastjson2.
 */
final class PlainJsonString {
    private PlainJsonString() {
    }

    /**
     * {@code head}, then {@code value} as a JSON string literal, then {@code tail}, in one new array, when
     * {@code value} is plain; else null.
     */
    static byte[] writeIfPlain(byte[] head, String value, byte[] tail) {
        byte[] out = writeIfAscii(head, value, tail);
        if (out != null) {
            return out;
        }
        if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
            return null;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (hasControlByte(utf8)) {
            return null;
        }
        out = new byte[head.length + utf8.length + 2 + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = '"';
        System.arraycopy(utf8, 0, out, head.length + 1, utf8.length);
        out[head.length + 1 + utf8.length] = '"';
        System.arraycopy(tail, 0, out, out.length - tail.length, tail.length);
        return out;
    }

    /**
     * The printable-ASCII case: the characters are copied first and checked after. For a string of Latin-1
     * characters (as Java keeps an ASCII string) the copy is one array copy.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, right for ASCII
    private static byte[] writeIfAscii(byte[] head, String value, byte[] tail) {
        int length = value.length();
        int start = head.length + 1;
        byte[] out = new byte[start + length + 1 + tail.length];
        value.getBytes(0, length, out, start);
        // a char above 0xFF lost its high byte in the copy and may look plain: the chars are checked too
        if (!isPrintableAscii(out, start, start + length) || !fitsInOneByte(value)) {
            return null;
        }
        System.arraycopy(head, 0, out, 0, head.length);
        out[start - 1] = '"';
        out[start + length] = '"';
        System.arraycopy(tail, 0, out, out.length - tail.length, tail.length);
        return out;
    }

    /**
     * True when no char is above 0xFF. Java keeps a string with no such char in a byte per char, where the
     * JIT sees the test is always true and drops the loop; only a string of wider chars is really walked.
     */
    private static boolean fitsInOneByte(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code bytes[from, to)} are all printable ASCII other than quote and backslash. Eight bytes
     * at a time, with the classic bit tricks (a false positive only ever sits above a true one, so "any" is
     * exact): {@code (x - 0x2020…) & ~x} has a high bit set where a byte is below 0x20 (control characters),
     * {@code x} itself where a byte is 0x80 or more (not ASCII), and {@code (y - 0x0101…) & ~y}, for
     * {@code y = x ^ c}, where a byte equals {@code c}.
     */
    static boolean isPrintableAscii(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) WORDS.get(bytes, i);
            long quote = x ^ 0x2222222222222222L;
            long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
            long special = ((x - 0x2020202020202020L) & ~x)
                    | x
                    | ((quote - 0x0101010101010101L) & ~quote)
                    | ((backslash - 0x0101010101010101L) & ~backslash);
            if ((special & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            int b = bytes[i];
            if (b < 0x20 || b == '"' || b == '\\') { // a byte of 0x80 or more is negative here
                return false;
            }
        }
        return true;
    }

    /**
     * True when a byte is below 0x20, a control character (multi-byte UTF-8 sequences have none). Eight bytes
     * at a time: {@code (x - 0x2020…) & ~x & 0x8080…} is non-zero exactly when some byte of x is below 0x20.
     */
    private static boolean hasControlByte(byte[] bytes) {
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            long x = (long) WORDS.get(bytes, i);
            if (((x - 0x2020202020202020L) & ~x & 0x8080808080808080L) != 0) {
                return true;
            }
        }
        for (; i < bytes.length; i++) {
            if ((bytes[i] & 0xff) < 0x20) {
                return true;
            }
        }
        return false;
    }

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The string a JSON string literal in {@code json[from, to)} stands for, when it has no escape; else null
     * (escapes, or not a string literal at all). Control characters are taken as they are, as fastjson2 does.
     */
    @SuppressWarnings("deprecation") // String(byte[], int hibyte, int, int): ASCII bytes straight into a one-byte-per-char string
    static String read(byte[] json, int from, int to) {
        if (to - from < 2 || json[from] != '"' || json[to - 1] != '"') {
            return null;
        }
        if (isPrintableAscii(json, from + 1, to - 1)) {
            return new String(json, 0, from + 1, to - from - 2);
        }
        String value = new String(json, from + 1, to - from - 2, StandardCharsets.UTF_8);
        return value.indexOf('"') >= 0 || value.indexOf('\\') >= 0 ? null : value;
    }
}
