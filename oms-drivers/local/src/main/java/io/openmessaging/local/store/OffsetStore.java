package io.openmessaging.local.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Committed offsets of every (consumer group, queue) in one file, one line each:
 * {@code <group> <queue> <offset>} with names in {@link NameCodec} form. The file is replaced
 * atomically (temp file, fsync, rename), so a crash leaves the old or the new version, never a mix.
 */
final class OffsetStore {

    private final Path file;
    private final Map<String, Long> offsets = new HashMap<>();
    private boolean dirty;

    OffsetStore(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 3) {
                    offsets.put(key(NameCodec.decode(parts[0]), NameCodec.decode(parts[1])), Long.parseLong(parts[2]));
                }
            }
        }
    }

    synchronized long committed(String group, String queue) {
        return offsets.getOrDefault(key(group, queue), 0L);
    }

    synchronized void update(String group, String queue, long offset) {
        Long previous = offsets.put(key(group, queue), offset);
        if (previous == null || previous != offset) {
            dirty = true;
        }
    }

    synchronized void removeQueue(String queue) {
        dirty |= offsets.keySet().removeIf(key -> key.endsWith("\u0000" + queue));
    }

    /** Writes the file if anything changed since the last write. */
    synchronized void persist() throws IOException {
        if (!dirty) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> entry : new TreeMap<>(offsets).entrySet()) {
            int split = entry.getKey().indexOf('\u0000');
            text.append(NameCodec.encode(entry.getKey().substring(0, split))).append(' ')
                .append(NameCodec.encode(entry.getKey().substring(split + 1))).append(' ')
                .append(entry.getValue()).append('\n');
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        dirty = false;
    }

    private static String key(String group, String queue) {
        return group + '\u0000' + queue;
    }
}
