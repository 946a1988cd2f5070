package io.openmessaging.omsconnect.plugin;

import io.openmessaging.connector.api.component.task.source.SourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.openmessaging.omsconnect.plugin.TestPlugins.compile;
import static io.openmessaging.omsconnect.plugin.TestPlugins.plainManifest;
import static io.openmessaging.omsconnect.plugin.TestPlugins.sourceConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers in separate processes sharing one {@code pluginsDir}: each round the zip changes and every process
 * starts a plugin host at once, so each of them finds a stale extraction to redo. Before the directory lock,
 * one deleted the extraction another was writing or loading from ("Cannot delete …/.extracted/…").
 */
class PluginsDirSharedByProcessesTest {
    private static final String CONNECTOR = "com.acme.shared.proc.ProcSource";
    private static final int PROCESSES = 3;
    private static final int ROUNDS = 5;

    @TempDir
    Path tmp;

    @Test
    void processesStartingTogetherEachLoadAChangedZip() throws Exception {
        Path plugins = tmp.resolve("plugins");
        Files.createDirectories(plugins);
        Path zip = TestPlugins.pack(plugins.resolve("proc-zip-1.0.zip"), TestPlugins.pluginProperties("proc-zip", "1.0.0"),
                TestPlugins.nestedJar("lib/proc-zip.jar", plainManifest(), compile(Map.of(CONNECTOR, sourceConnector(CONNECTOR)))));
        List<Child> children = new ArrayList<>();
        try {
            for (int i = 0; i < PROCESSES; i++) {
                children.add(new Child(plugins));
            }
            for (int round = 0; round < ROUNDS; round++) {
                Files.setLastModifiedTime(zip, FileTime.fromMillis(System.currentTimeMillis() + 1000L * round));
                for (Child child : children) {
                    child.go();
                }
                for (Child child : children) {
                    assertEquals("ok", child.answer(), "round " + round);
                }
            }
        } finally {
            for (Child child : children) {
                child.close();
            }
        }
        assertTrue(Files.isRegularFile(plugins.resolve(".extracted/proc-zip-1.0/lib/proc-zip.jar")));
    }

    /** A child process: on each line "go" it starts a plugin host on the directory, makes the connector and answers. */
    public static void main(String[] args) throws IOException {
        Path plugins = Path.of(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); "go".equals(line); line = in.readLine()) {
            String answer;
            try (Pf4jPluginHost host = new Pf4jPluginHost(plugins)) {
                host.start();
                answer = host.newInstance(CONNECTOR, SourceConnector.class) != null ? "ok" : "no connector";
            } catch (RuntimeException e) {
                answer = "failed: " + e;
            }
            System.out.println("ANSWER " + answer);
            System.out.flush();
        }
    }

    private static final class Child implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Child(Path plugins) throws IOException {
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PluginsDirSharedByProcessesTest.class.getName(),
                    plugins.toString()).redirectErrorStream(true).start();
            in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        void go() throws IOException {
            in.write("go\n");
            in.flush();
        }

        /** The child's answer to the last "go"; its log lines are skipped. */
        String answer() throws IOException {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("ANSWER ")) {
                    return line.substring("ANSWER ".length());
                }
            }
            return "ended: exit code " + exitCode();
        }

        private String exitCode() {
            try {
                return process.waitFor(10, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "none (still running)";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
