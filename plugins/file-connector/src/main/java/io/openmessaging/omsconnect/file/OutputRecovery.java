package io.openmessaging.omsconnect.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a sink's output file back to what it committed before the sink writes to it again. Bytes
 * after the committed length were written but never acknowledged to the queue (the process died
 * between the write and the ack, maybe in the middle of a line): the queue delivers their records
 * again, so they are cut, and a torn line can never have the redelivered records appended to it.
 */
final class OutputRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(OutputRecovery.class);

    private OutputRecovery() {
    }

    /**
     * Cuts {@code output} (created with its folders when missing) to its committed length and
     * returns what is committed, after which the file ends. Leaves the commit log holding that
     * record alone, open for appending; writes it when there was none, so that every later crash
     * finds one.
     */
    static CommitRecord recover(Path output, CommitLog commits, boolean fsync, String task) throws IOException {
        Optional<CommitRecord> found = commits.read();
        Path folder = output.getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        CommitRecord committed;
        try (FileChannel file = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long size = file.size();
            if (found.isEmpty()) {
                // a file from an older version or another tool: what is there was not written by this sink
                // since its last commit, so it is kept whole
                committed = new CommitRecord(size, Map.of());
                LOG.info("File sink task {}: no commit log for {}; its {} bytes are taken as committed, recorded in {}",
                    task, output, size, commits.path());
            } else if (size > found.get().length()) {
                committed = found.get();
                file.truncate(committed.length());
                if (fsync) {
                    file.force(true);
                }
                LOG.warn("File sink task {}: cut {} bytes written after the last commit from the end of {} (now {} bytes);"
                    + " their records were not acknowledged and come again", task, size - committed.length(), output, committed.length());
            } else if (size < found.get().length()) {
                committed = found.get().withLength(size);
                LOG.warn("File sink task {}: {} has {} bytes, fewer than the {} committed (truncated or rotated by someone"
                    + " else?); appending from its end. Records already committed are not written again", task, output, size,
                    found.get().length());
            } else {
                committed = found.get();
            }
        }
        commits.rewrite(committed);
        return committed;
    }
}
