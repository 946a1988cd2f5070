package io.openmessaging.omsconnect.file;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the file sink has committed: the output file's first {@code length} bytes, and per
 * partition (a {@link PartitionKey}) the last {@code queueOffset} among the records in them.
 * Bytes after {@code length} were never acknowledged to the queue, so they come again.
 *
 * <p>Its text form, one entry a line, written by {@link #toText()} and read by {@link #parse}:
 * <pre>
 * # omsconnect file sink commit record
 * version 1
 * length 4096
 * offset topic=lines 41
 * end
 * </pre>
 * The {@code end} line tells a whole record from one cut short (a copy, a disk full, a power loss
 * with {@code fsync=false}): the sink refuses to guess what it committed.
 */
record CommitRecord(long length, Map<String, Long> offsets) {

    static final int VERSION = 1;

    CommitRecord {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        offsets = Collections.unmodifiableMap(new TreeMap<>(offsets));
    }

    CommitRecord withLength(long newLength) {
        return new CommitRecord(newLength, offsets);
    }

    String toText() {
        StringBuilder text = new StringBuilder(64 + offsets.size() * 48)
            .append("# omsconnect file sink commit record: the output's committed bytes, the last queueOffset per partition\n")
            .append("version ").append(VERSION).append('\n')
            .append("length ").append(length).append('\n');
        offsets.forEach((partition, offset) -> text.append("offset ").append(partition).append(' ').append(offset).append('\n'));
        return text.append("end\n").toString();
    }

    /** @throws IllegalArgumentException naming the first line that is not what {@link #toText()} writes */
    static CommitRecord parse(String text) {
        Long length = null;
        boolean versioned = false;
        boolean ended = false;
        Map<String, Long> offsets = new TreeMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (ended) {
                throw invalid(i, "text after 'end'");
            }
            String[] words = line.split(" ", -1);
            switch (words[0]) {
                case "version" -> {
                    long version = number(words, 2, i);
                    if (version != VERSION) {
                        throw invalid(i, "version " + version + " (this sink reads version " + VERSION + ")");
                    }
                    versioned = true;
                }
                case "length" -> length = number(words, 2, i);
                case "offset" -> {
                    if (offsets.put(words.length == 3 ? words[1] : "", number(words, 3, i)) != null) {
                        throw invalid(i, "partition " + words[1] + " given twice");
                    }
                }
                case "end" -> ended = true;
                default -> throw invalid(i, "unknown entry '" + words[0] + "'");
            }
            if (!versioned) {
                throw invalid(i, "no 'version' line first");
            }
        }
        if (!ended || length == null) {
            throw new IllegalArgumentException(length == null ? "no 'length' line" : "no 'end' line: the record is cut short");
        }
        return new CommitRecord(length, offsets);
    }

    /** The number in the last of {@code count} words; a length is never negative, a queueOffset may be in theory. */
    private static long number(String[] words, int count, int line) {
        if (words.length != count) {
            throw invalid(line, "expected " + count + " words, found " + words.length);
        }
        try {
            return Long.parseLong(words[count - 1]);
        } catch (NumberFormatException e) {
            throw invalid(line, "'" + words[count - 1] + "' is not a number");
        }
    }

    private static IllegalArgumentException invalid(int index, String what) {
        return new IllegalArgumentException("line " + (index + 1) + ": " + what);
    }
}
