package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hot install over REST: a connector jar from outside plugins-dir is installed, runs, and is removed again. */
class PluginInstallIT {
    @TempDir
    Path dir;

    @Test
    void aConnectorInstalledOverRestRunsWithoutRestartAndUninstallsCleanly() throws Exception {
        byte[] jar = Files.readAllBytes(TestWorker.builtPlugin("file-connector"));
        try (TestWorker w = TestWorker.create(dir, "oms-driver-local").start()) {
            assertFalse(w.get("/connector-plugins").body().contains(FilePipelineIT.SOURCE));

            HttpResponse<String> installed = w.upload("/plugins?name=file-connector-0.1.0.jar", jar);
            assertEquals(201, installed.statusCode(), installed.body());
            String id = JSON.parseObject(installed.body()).getString("id");
            assertEquals("file-connector", id);
            assertTrue(w.get("/connector-plugins").body().contains(FilePipelineIT.SOURCE));

            Path in = dir.resolve("in.txt");
            Path out = dir.resolve("out.txt");
            FilePipelineIT.append(in, FilePipelineIT.numbered(0, 500));
            FilePipelineIT.createPipeline(w, in, out, "hot");
            TestWorker.await("500 lines through the hot-installed connector", Duration.ofSeconds(30),
                    () -> TestWorker.lines(out).size() >= 500);
            assertEquals(FilePipelineIT.numbered(0, 500), TestWorker.lines(out));

            HttpResponse<String> refused = w.delete("/plugins/" + id);
            assertEquals(409, refused.statusCode(), "a plugin connectors use is not removed: " + refused.body());
            assertEquals(409, JSON.parseObject(refused.body()).getIntValue("error_code"));

            assertEquals(204, w.delete("/connectors/file-source").statusCode());
            assertEquals(204, w.delete("/connectors/file-sink").statusCode());
            assertEquals(204, w.delete("/plugins/" + id).statusCode());
            assertFalse(w.get("/connector-plugins").body().contains(FilePipelineIT.SOURCE));
            assertEquals(404, w.get("/plugins/" + id).statusCode());
            try (Stream<Path> files = Files.list(w.pluginsDir())) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("file-connector")));
            }
        }
    }

    @Test
    void hostileOrBrokenArchivesAreRefusedAndLeavePluginsDirUntouched() throws Exception {
        try (TestWorker w = TestWorker.create(dir, "oms-driver-local").start()) {
            List<String> before = listing(w.pluginsDir());
            byte[] zipSlip = zip("../evil.txt", "pwned");
            byte[] notAJar = "this is not a jar".getBytes(StandardCharsets.UTF_8);
            byte[] emptyJar = zip("README.txt", "no classes here");
            for (Object[] c : new Object[][]{{"evil.zip", zipSlip}, {"evil.jar", zipSlip}, {"broken.jar", notAJar},
                    {"nothing.jar", emptyJar}, {"../up.jar", emptyJar}}) {
                HttpResponse<String> r = w.upload("/plugins?name=" + java.net.URLEncoder.encode((String) c[0],
                        StandardCharsets.UTF_8), (byte[]) c[1]);
                assertEquals(400, r.statusCode(), c[0] + ": " + r.body());
                JSONObject error = JSON.parseObject(r.body());
                assertEquals(400, error.getIntValue("error_code"));
                assertTrue(error.getString("message") != null && !error.getString("message").isBlank());
            }
            assertEquals(before, listing(w.pluginsDir()));
            assertFalse(Files.exists(dir.resolve("evil.txt")));
            assertEquals(200, w.get("/health").statusCode());
        }
    }

    @Test
    void entriesDroppedThatDoNotLoadAreListedUntilReplacedOrDeleted() throws Exception {
        try (TestWorker w = TestWorker.create(dir, "oms-driver-local")) {
            Files.write(w.pluginsDir().resolve("file-connector-0.1.0.jar"), "a download cut short".getBytes(StandardCharsets.UTF_8));
            w.start();
            Path notes = Files.writeString(w.pluginsDir().resolve("install-notes.txt"), "dropped by mistake");
            TestWorker.await("the dropped text file listed", Duration.ofSeconds(30), () -> failed(w).size() == 2);
            List<JSONObject> failed = failed(w);
            assertEquals(w.pluginsDir().resolve("file-connector-0.1.0.jar").toString(), failed.get(0).getString("path"));
            assertTrue(failed.get(0).getString("reason").contains("file-connector-0.1.0.jar"), failed.toString());
            assertTrue(failed.get(1).getString("reason").startsWith("not a plugin file"), failed.toString());
            for (JSONObject entry : failed) {
                assertEquals(java.util.Set.of("path", "state", "components", "reason"), entry.keySet(), entry.toString());
            }
            assertTrue(JSON.parseArray(w.get("/plugins").body()).stream().map(JSONObject.class::cast)
                    .anyMatch(p -> "oms-driver-local".equals(p.getString("id")) && "STARTED".equals(p.getString("state"))));

            // the upload of a good file under the broken one's name replaces it; deleting the stray file unlists it
            HttpResponse<String> installed = w.upload("/plugins?name=file-connector-0.1.0.jar",
                    Files.readAllBytes(TestWorker.builtPlugin("file-connector")));
            assertEquals(201, installed.statusCode(), installed.body());
            assertEquals(List.of(notes.toString()), failed(w).stream().map(p -> p.getString("path")).toList());
            assertTrue(w.get("/connector-plugins").body().contains(FilePipelineIT.SOURCE));
            Files.delete(notes);
            TestWorker.await("the deleted text file unlisted", Duration.ofSeconds(30), () -> failed(w).isEmpty());
        }
    }

    /** The entries {@code GET /plugins} shows as not loaded. */
    private static List<JSONObject> failed(TestWorker w) throws Exception {
        HttpResponse<String> r = w.get("/plugins");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.parseArray(r.body()).stream().map(JSONObject.class::cast)
                .filter(p -> "FAILED".equals(p.getString("state"))).toList();
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.toString().contains(".staging")).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static byte[] zip(String entry, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return bytes.toByteArray();
    }
}
