package io.openmessaging.omsconnect.mysql.binlog;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;

/**
 * Decodes a TIME(fsp) binlog cell (MySQL 5.6+ "TIME2" format, which MariaDB 10.1+ writes too) into signed
 * microseconds. The binlog library drops the sign, turning {@code -01:00:00} into garbage; this follows
 * MySQL's {@code my_time_packed_from_binary}.
 */
final class SignedTime {

    private static final long INT_OFFSET = 0x800000L;
    private static final long PACKED_OFFSET = 0x800000000000L;

    private SignedTime() {
    }

    static Long decode(int fsp, ByteArrayInputStream in) throws IOException {
        long packed;
        switch (fsp) {
            case 1, 2 -> {
                long intpart = bigEndian(in.read(3)) - INT_OFFSET;
                long frac = bigEndian(in.read(1));
                if (intpart < 0 && frac != 0) {
                    intpart++;
                    frac -= 0x100;
                }
                packed = (intpart << 24) + frac * 10_000;
            }
            case 3, 4 -> {
                long intpart = bigEndian(in.read(3)) - INT_OFFSET;
                long frac = bigEndian(in.read(2));
                if (intpart < 0 && frac != 0) {
                    intpart++;
                    frac -= 0x10000;
                }
                packed = (intpart << 24) + frac * 100;
            }
            case 5, 6 -> packed = bigEndian(in.read(6)) - PACKED_OFFSET;
            default -> packed = (bigEndian(in.read(3)) - INT_OFFSET) << 24;
        }
        long sign = packed < 0 ? -1 : 1;
        long abs = Math.abs(packed);
        long hms = abs >> 24;
        long micros = abs % (1L << 24);
        long hours = (hms >> 12) % (1 << 10);
        long minutes = (hms >> 6) % (1 << 6);
        long seconds = hms % (1 << 6);
        return sign * (((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + micros);
    }

    private static long bigEndian(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xFF);
        }
        return v;
    }
}
