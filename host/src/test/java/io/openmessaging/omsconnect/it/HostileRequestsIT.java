package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import io.openmessaging.omsconnect.rest.HostileRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated bad input of {@link HostileRequests} against a real worker that runs a file pipeline: every
 * answer is a 4xx JSON error, and afterwards the worker is healthy, the pipeline still moves lines, the
 * store holds the same connectors (only the positions the pipeline commits change) and the plugins folder
 * is as it was.
 */
class HostileRequestsIT {
    private static final long SEED = 20261126L;
    private static final long MAX_REQUEST = 64 * 1024;
    private static final long MAX_UPLOAD = 256 * 1024;

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void hostileRequestsAreRefusedAndLeaveTheWorkerItsStoreAndPluginsIntact() throws Exception {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        FilePipelineIT.append(in, FilePipelineIT.numbered(0, 100));
        try (TestWorker w = TestWorker.create(dir, "file-connector", "oms-driver-local")
                .set("maxRequestBytes", String.valueOf(MAX_REQUEST)).set("maxUploadBytes", String.valueOf(MAX_UPLOAD))
                .start()) {
            FilePipelineIT.createPipeline(w, in, out, "hostile");
            TestWorker.await("100 lines", Duration.ofSeconds(30), () -> TestWorker.lines(out).size() >= 100);

            Path store = dir.resolve("store");
            TestWorker.await("the source's first position flush", Duration.ofSeconds(30),
                    () -> Files.isDirectory(store.resolve("positions")) && !names(store.resolve("positions")).isEmpty());
            byte[] connectorsJson = Files.readAllBytes(store.resolve("connectors.json"));
            List<String> positionFiles = names(store.resolve("positions"));
            List<String> plugins = listing(w.pluginsDir());
            Map<String, String> restView = restView(w);

            List<HostileRequests.Attack> attacks = new ArrayList<>(HostileRequests.generate(SEED, MAX_REQUEST, MAX_UPLOAD));
            assertTrue(attacks.size() >= 300, "only " + attacks.size() + " requests generated");
            attacks.addAll(atTheRunningSource(attacks));
            List<String> failures = new ArrayList<>();
            for (HostileRequests.Attack a : attacks) {
                HttpResponse<String> r = send(w, a);
                String problem = HostileRequests.problem(r.statusCode(),
                        r.headers().firstValue("Content-Type").orElse(null), r.body());
                if (problem != null) {
                    failures.add(a + " -> " + problem);
                }
            }
            assertTrue(failures.isEmpty(), failures.size() + " of " + attacks.size() + " failed:\n"
                    + String.join("\n", failures));

            assertEquals(200, w.get("/health").statusCode());
            FilePipelineIT.append(in, FilePipelineIT.numbered(100, 300));
            TestWorker.await("300 lines after the attack", Duration.ofSeconds(30), () -> TestWorker.lines(out).size() >= 300);
            assertEquals(FilePipelineIT.numbered(0, 300), TestWorker.lines(out));

            assertArrayEquals(connectorsJson, Files.readAllBytes(store.resolve("connectors.json")),
                    "connectors.json changed");
            assertEquals(positionFiles, names(store.resolve("positions")), "position files came or went");
            assertEquals(restView, restView(w), "connectors or their configs changed");
            assertEquals(plugins, listing(w.pluginsDir()), "the plugins folder changed");
        }
    }

    /**
     * The attacks on the (missing) connector's config, offsets and restart flags, aimed at the running file
     * source instead: they must be refused just the same, and leave it running with its config.
     */
    private static List<HostileRequests.Attack> atTheRunningSource(List<HostileRequests.Attack> attacks) {
        String missing = "/connectors/c1/";
        return attacks.stream()
                .filter(a -> a.path().startsWith(missing + "config") || a.path().startsWith(missing + "offsets")
                        || a.path().startsWith(missing + "restart?"))
                .map(a -> new HostileRequests.Attack(a.method(), "/connectors/file-source/" + a.path().substring(missing.length()),
                        a.body(), a.headers()))
                .toList();
    }

    private HttpResponse<String> send(TestWorker w, HostileRequests.Attack a) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(w.url(a.path()))).timeout(Duration.ofSeconds(20))
                .method(a.method(), a.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(a.body()));
        for (int i = 0; i < a.headers().length; i += 2) {
            b.header(a.headers()[i], a.headers()[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The connector list, each connector's config and task configs, as the REST API shows them. */
    private static Map<String, String> restView(TestWorker w) throws Exception {
        Map<String, String> view = new LinkedHashMap<>();
        String list = w.get("/connectors").body();
        view.put("/connectors", list);
        for (String name : JSON.parseArray(list, String.class)) {
            for (String path : new String[]{"/connectors/" + name + "/config", "/connectors/" + name + "/tasks"}) {
                view.put(path, w.get(path).body());
            }
        }
        return view;
    }

    /** Every file and folder under {@code root}, relative, with the size of files. */
    private static List<String> listing(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> root.relativize(p) + (Files.isRegularFile(p) ? " " + size(p) : "/")).sorted().toList();
        }
    }

    /** The names in {@code dir}: position files legitimately change content while the pipeline runs. */
    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (Exception e) {
            return -1;
        }
    }
}
