package io.openmessaging.omsconnect.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A command of this machine's ({@code rabbitmqctl}, {@code ss}) run to its end, or killed at a timeout. */
final class LocalCommand {
    private LocalCommand() {
    }

    /** How it ended: its exit code (-1: timed out) and what it printed, stdout and stderr together. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** @throws IOException when the command cannot be started at all (not installed) */
    static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        // the output goes to a file, not a pipe: a command that prints more than a pipe holds never blocks on it
        File output = File.createTempFile("command-", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeout + ": " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }
}
