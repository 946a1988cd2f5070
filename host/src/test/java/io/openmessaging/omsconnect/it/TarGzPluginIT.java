package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plugin packaged as RocketMQ Connect packages its JDBC connector — a {@code .tar.gz} of a folder of jars —
 * runs whether dropped into the plugins folder or uploaded; a package with an entry escaping its folder is
 * refused and leaves nothing behind.
 */
class TarGzPluginIT {
    @TempDir
    Path dir;

    /** A gzipped tar of folder {@code top/} holding {@code files} (path below top → bytes) and a link inside it. */
    private static byte[] tarGz(String top, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.putArchiveEntry(new TarArchiveEntry(top + "/"));
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(top + "/" + f.getKey());
                entry.setSize(f.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
            TarArchiveEntry link = new TarArchiveEntry(top + "/current", TarConstants.LF_SYMLINK);
            link.setLinkName("lib");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static void runsAPipeline(TestWorker w, Path dir, String name, Drivers driver) throws Exception {
        Path in = dir.resolve(name + "-in.txt");
        Path out = dir.resolve(name + "-out.txt");
        String topic = driver.prepareTopic(name + "-" + System.nanoTime(), "snk-" + name); // the broker keeps earlier runs' topics
        FilePipelineIT.append(in, FilePipelineIT.numbered(0, 200));
        for (String[] c : new String[][]{{"snk-" + name, FilePipelineIT.SINK, "topics"}, {"src-" + name, FilePipelineIT.SOURCE, "topic"}}) {
            Map<String, String> config = new LinkedHashMap<>(Map.of("connector.class", c[1], c[2], topic,
                    "oms-driver-url", driver.url(dir)));
            config.put("file", (c[1].equals(FilePipelineIT.SOURCE) ? in : out).toString());
            HttpResponse<String> r = w.send("POST", "/connectors", Map.of("name", c[0], "config", config));
            assertEquals(201, r.statusCode(), r.body());
        }
        TestWorker.await("200 lines through the packaged connector", Duration.ofSeconds(30), () -> TestWorker.lines(out).size() >= 200);
        assertEquals(FilePipelineIT.numbered(0, 200), TestWorker.lines(out));
    }

    @ParameterizedTest
    @EnumSource(value = Drivers.class, names = {"LOCAL", "RABBITMQ"})
    void aTarGzOfAFolderOfJarsDroppedOrUploadedRuns(Drivers driver) throws Exception {
        driver.assumeAvailable();
        byte[] jar = Files.readAllBytes(TestWorker.builtPlugin("file-connector"));
        byte[] pkg = tarGz("file-connector-0.1.0", Map.of("lib/file-connector-0.1.0.jar", jar, "README.txt", "docs".getBytes()));
        Path dropped = dir.resolve("dropped");
        Files.createDirectories(dropped);
        try (TestWorker w = TestWorker.create(dropped, driver.plugin)) {
            Files.write(w.pluginsDir().resolve("file-connector-0.1.0.tar.gz"), pkg);
            w.start();
            assertTrue(w.get("/connector-plugins").body().contains(FilePipelineIT.SOURCE), w.get("/plugins").body());
            runsAPipeline(w, dropped, "dropped", driver);
        }
        Path uploaded = dir.resolve("uploaded");
        Files.createDirectories(uploaded);
        try (TestWorker w = TestWorker.create(uploaded, driver.plugin).start()) {
            assertFalse(w.get("/connector-plugins").body().contains(FilePipelineIT.SOURCE));
            HttpResponse<String> installed = w.upload("/plugins?name=file-connector-0.1.0.tgz", pkg);
            assertEquals(201, installed.statusCode(), installed.body());
            assertTrue(JSON.parseObject(installed.body()).getJSONArray("components").toString().contains(FilePipelineIT.SOURCE),
                    installed.body());
            runsAPipeline(w, uploaded, "uploaded", driver);

            // a package with an entry out of its folder: 400, and nothing of it stays
            byte[] evil = tarGz("evil", Map.of("../../escaped.jar", jar));
            HttpResponse<String> refused = w.upload("/plugins?name=evil.tar.gz", evil);
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("escapes"), refused.body());
            try (Stream<Path> files = Files.walk(w.pluginsDir())) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("evil")
                        || f.getFileName().toString().equals("escaped.jar")), "nothing of the refused package stays");
            }
            assertFalse(Files.exists(uploaded.resolve("escaped.jar")));
        }
    }
}
