package io.openmessaging.omsconnect.file;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * What the file sink has committed: the output file's first {@code length} bytes, and per
 * partition (a {@link PartitionKey}) the last {@code queueOffset} among the records in them.
 * Bytes after {@code length} were never acknowledged to the queue, so they come again.
 *
 * <p>Written as one line of ASCII, {@code commit <length> [<partition> <queueOffset>]... crc <crc>},
 * for example {@code commit 4096 topic=lines 41 crc 1c291ca3}: the CRC-32C (hex) of what comes
 * before {@code " crc "} tells a whole line from one a crash or a power loss cut or garbled.
 */
record CommitRecord(long length, Map<String, Long> offsets) {

    private static final String COMMIT = "commit";
    private static final String CRC = "crc";

    CommitRecord {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        offsets = Collections.unmodifiableMap(new TreeMap<>(offsets));
    }

    CommitRecord withLength(long newLength) {
        return new CommitRecord(newLength, offsets);
    }

    /** The record as one line, with its newline. */
    String toLine() {
        StringBuilder line = new StringBuilder(32 + offsets.size() * 40).append(COMMIT).append(' ').append(length);
        offsets.forEach((partition, offset) -> line.append(' ').append(partition).append(' ').append(offset));
        String checked = line.toString();
        return line.append(' ').append(CRC).append(' ').append(crcOf(checked)).append('\n').toString();
    }

    /**
     * Reads a line {@link #toLine()} wrote, without its newline.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static CommitRecord parseLine(String line) {
        int crcAt = line.lastIndexOf(" " + CRC + " ");
        if (crcAt < 0) {
            throw new IllegalArgumentException("no checksum");
        }
        String checked = line.substring(0, crcAt);
        if (!line.substring(crcAt + CRC.length() + 2).equals(crcOf(checked))) {
            throw new IllegalArgumentException("wrong checksum");
        }
        String[] words = checked.split(" ", -1);
        if (!words[0].equals(COMMIT) || words.length < 2 || words.length % 2 != 0) {
            throw new IllegalArgumentException("not 'commit <length> [<partition> <queueOffset>]...'");
        }
        Map<String, Long> offsets = new TreeMap<>();
        for (int i = 2; i < words.length; i += 2) {
            if (offsets.put(words[i], number(words[i + 1])) != null) {
                throw new IllegalArgumentException("partition " + words[i] + " given twice");
            }
        }
        return new CommitRecord(number(words[1]), offsets);
    }

    private static long number(String word) {
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + word + "' is not a number");
        }
    }

    private static String crcOf(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        String hex = Long.toHexString(crc.getValue());
        return "00000000".substring(hex.length()) + hex;
    }
}
