package io.openmessaging.omsconnect.mysql.schema;

import java.util.ArrayList;
import java.util.List;

/** Parses the members out of a declared type like {@code enum('a','it''s','c')} or {@code set('x','y')}. */
final class EnumElements {

    private EnumElements() {
    }

    static List<String> parse(String columnType) {
        List<String> out = new ArrayList<>();
        int i = columnType.indexOf('(');
        StringBuilder cur = null;
        for (i = i + 1; i < columnType.length(); i++) {
            char ch = columnType.charAt(i);
            if (cur == null) {
                if (ch == '\'') {
                    cur = new StringBuilder();
                }
            } else if (ch == '\'') {
                if (i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                    cur.append('\'');
                    i++;
                } else {
                    out.add(cur.toString());
                    cur = null;
                }
            } else if (ch == '\\' && i + 1 < columnType.length()) {
                cur.append(columnType.charAt(++i));
            } else {
                cur.append(ch);
            }
        }
        return out;
    }
}
