package io.openmessaging.omsconnect.file;

import static io.openmessaging.omsconnect.file.TestFiles.config;

import io.openmessaging.connector.api.data.ConnectRecord;
import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Throughput of the file connectors alone, without a worker or a queue: the source reading a file
 * of {@code lines} lines of {@code 100} bytes (plus the newline), and the sink writing as many
 * records, flushing every {@code commit} records as the worker commits a sink (every
 * {@code sink-commit-max-records}, 500 by default; each flush appends to the sink's commit log),
 * then stopping it. Prints records/s for each round and the median.
 *
 * <p>Run, after {@code mvn -pl plugins/file-connector -am test-compile}, from the checkout's root:
 * <pre>
 * M=~/.m2/repository
 * java -Xmx1g -cp plugins/file-connector/target/classes:plugins/file-connector/target/test-classes:\
 * $M/io/openmessaging/openmessaging-connector/0.1.4/openmessaging-connector-0.1.4.jar:\
 * $M/io/openmessaging/openmessaging-api/0.3.1-alpha/openmessaging-api-0.3.1-alpha.jar:\
 * $M/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar \
 * io.openmessaging.omsconnect.file.FileConnectorsBenchmark [lines=1000000] [rounds=5] [dir=a temp dir] [commit=500]
 * </pre>
 */
public final class FileConnectorsBenchmark {

    private static final int LINE_BYTES = 100;
    private static final int SINK_BATCH = 2000;

    private FileConnectorsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("file-connectors-bench");
        int commit = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        Files.createDirectories(dir);
        Path in = dir.resolve("bench-in.txt");
        Path out = dir.resolve("bench-out.txt");
        writeInput(in, lines);
        System.out.printf("%d lines of %d bytes (+ newline), %d rounds, sink flushed every %d records, in %s%n",
            lines, LINE_BYTES, rounds, commit, dir);

        double[] source = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            source[round] = readAll(in, lines);
            System.out.printf("source round %d: %,.0f records/s%n", round + 1, source[round]);
        }
        List<ConnectRecord> records = sinkRecords(lines);
        double[] sink = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            Files.deleteIfExists(out);
            // a fresh output: without its commit log too, or the records' queueOffsets say they are all written
            Files.deleteIfExists(new CommitLog(out, false).path());
            sink[round] = writeAll(out, records, commit);
            System.out.printf("sink round %d: %,.0f records/s%n", round + 1, sink[round]);
        }
        if (Files.size(out) != Files.size(in)) {
            throw new IllegalStateException("the sink wrote " + Files.size(out) + " bytes, expected " + Files.size(in));
        }
        System.out.printf("median: source %,.0f records/s (%.0f MB/s), sink %,.0f records/s (%.0f MB/s)%n",
            median(source), median(source) * (LINE_BYTES + 1) / 1e6, median(sink), median(sink) * (LINE_BYTES + 1) / 1e6);
        Files.delete(in);
        Files.delete(out);
        Files.delete(new CommitLog(out, false).path());
    }

    private static void writeInput(Path file, int lines) throws IOException {
        byte[] line = new byte[LINE_BYTES + 1];
        try (OutputStream stream = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < lines; i++) {
                byte[] number = String.format("%010d ", i).getBytes(StandardCharsets.US_ASCII);
                Arrays.fill(line, (byte) ('a' + i % 26));
                System.arraycopy(number, 0, line, 0, number.length);
                line[LINE_BYTES] = '\n';
                stream.write(line);
            }
        }
    }

    /** Polls the whole file through a fresh source task; returns records/s. */
    private static double readAll(Path file, int lines) throws InterruptedException {
        FileSourceTask task = new FileSourceTask();
        task.init(new FakeSourceTaskContext());
        task.start(config("file", file.toString(), "connect-topicname", "bench"));
        long begin = System.nanoTime();
        int read = 0;
        while (read < lines) {
            read += task.poll().size();
        }
        long elapsed = System.nanoTime() - begin;
        task.stop();
        return read * 1e9 / elapsed;
    }

    /**
     * The records a sink gets: the lines as strings, as the source made them, with the position a
     * worker gives them on a driver with queue offsets (one partition instance per topic, a
     * {@code messageId} and a {@code queueOffset}), so the sink's exactly-once check is measured.
     */
    private static List<ConnectRecord> sinkRecords(int lines) {
        RecordPartition partition = new RecordPartition(Map.of("topic", "bench"));
        List<ConnectRecord> records = new ArrayList<>(lines);
        char[] text = new char[LINE_BYTES];
        for (int i = 0; i < lines; i++) {
            String number = String.format("%010d ", i);
            Arrays.fill(text, (char) ('a' + i % 26));
            number.getChars(0, number.length(), text, 0);
            records.add(new ConnectRecord(partition, new RecordOffset(Map.of("messageId", "m" + i, "queueOffset", (long) i)), 0L, null, new String(text)));
        }
        return records;
    }

    /** Puts all records in batches through a fresh sink task, flushing every {@code commit}, then stops it; returns records/s. */
    private static double writeAll(Path file, List<ConnectRecord> records, int commit) {
        FileSinkTask task = new FileSinkTask();
        task.start(config("file", file.toString(), "connect-topicnames", "bench"));
        int batch = Math.min(SINK_BATCH, commit);
        long begin = System.nanoTime();
        int sinceFlush = 0;
        for (int from = 0; from < records.size(); from += batch) {
            List<ConnectRecord> put = records.subList(from, Math.min(records.size(), from + batch));
            task.put(put);
            sinceFlush += put.size();
            if (sinceFlush >= commit) {
                task.flush(Map.of());
                sinceFlush = 0;
            }
        }
        task.flush(Map.of());
        task.stop();
        long elapsed = System.nanoTime() - begin;
        return records.size() * 1e9 / elapsed;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
