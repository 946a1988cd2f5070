package io.openmessaging.omsconnect.convert;

import java.nio.charset.StandardCharsets;

/**
 * The common case of a JSON string value, printable ASCII with no quote or backslash (a line of a log, an
 * id, a name), written and read without a JSON library: it needs no escaping, so its JSON form is its
 * bytes between quotes. Anything else returns "not plain" and goes through fastjson2.
 */
final class PlainJsonString {
    private PlainJsonString() {
    }

    /** Bytes a JSON string of {@code value} takes when it is plain, else -1. */
    static int encodedLength(String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return -1;
            }
        }
        return n + 2;
    }

    /** Writes the JSON string of a plain {@code value} at {@code at}; returns the index after it. */
    static int write(String value, byte[] out, int at) {
        int n = value.length();
        out[at] = '"';
        for (int i = 0; i < n; i++) {
            out[at + 1 + i] = (byte) value.charAt(i);
        }
        out[at + 1 + n] = '"';
        return at + n + 2;
    }

    /**
     * The string a JSON string literal in {@code json[from, to)} stands for, when it is plain; else null
     * (escapes, non-ASCII, or not a string literal at all).
     */
    static String read(byte[] json, int from, int to) {
        if (to - from < 2 || json[from] != '"' || json[to - 1] != '"') {
            return null;
        }
        for (int i = from + 1; i < to - 1; i++) {
            byte b = json[i];
            if (b < 0x20 || b == 0x7f || b == '"' || b == '\\') { // negative: a non-ASCII UTF-8 byte
                return null;
            }
        }
        return new String(json, from + 1, to - from - 2, StandardCharsets.ISO_8859_1);
    }
}
