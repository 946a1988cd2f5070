package io.openmessaging.omsconnect.convert;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The common case of a JSON string value, one with no quote, backslash or control character (a line of a
 * log, an id, a name), written and read without a JSON library: it needs no escaping, so its JSON form is
 * its UTF-8 bytes between quotes. The scans use the JDK's vectorized {@code indexOf} and UTF-8 coding,
 * which cost a third of a character-by-character loop. Anything else is "not plain" and goes through
 * fastjson2.
 */
final class PlainJsonString {
    private PlainJsonString() {
    }

    /** The UTF-8 bytes of {@code value} when its JSON string is those bytes between quotes, else null. */
    static byte[] utf8IfPlain(String value) {
        if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
            return null;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return hasControlByte(utf8) ? null : utf8;
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
    static String read(byte[] json, int from, int to) {
        if (to - from < 2 || json[from] != '"' || json[to - 1] != '"') {
            return null;
        }
        String value = new String(json, from + 1, to - from - 2, StandardCharsets.UTF_8);
        return value.indexOf('"') >= 0 || value.indexOf('\\') >= 0 ? null : value;
    }
}
