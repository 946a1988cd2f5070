package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.herder.Herder;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Latency of {@code GET /connectors} (20 connectors) through the real server and a herder that answers at
 * once: what the REST layer itself costs. Not a test; run as a main:
 * {@code java -cp <test classpath> io.openmessaging.omsconnect.rest.RestLatencyBench [requests] [clients]}.
 */
public final class RestLatencyBench {
    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        List<String> names = IntStream.range(0, 20).mapToObj(i -> "connector-" + i).toList();
        Herder herder = (Herder) Proxy.newProxyInstance(Herder.class.getClassLoader(), new Class<?>[]{Herder.class},
                (proxy, method, a) -> {
                    if (method.getName().equals("connectors")) {
                        return names;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        Properties p = new Properties();
        p.setProperty("httpPort", "0");
        RestServer server = new RestServer(WorkerConfig.from(p, Path.of(".")), herder);
        server.start();
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> new Thread(r, "bench-client"));
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/connectors")).build();
            run(pool, client, request, requests / 4, clients); // warm-up
            long start = System.nanoTime();
            long[] latencies = run(pool, client, request, requests, clients);
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf("GET /connectors: %d requests, %d clients, %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    requests, clients, requests / seconds, latencies[latencies.length / 2] / 1e6,
                    latencies[(int) (latencies.length * 0.99)] / 1e6, latencies[latencies.length - 1] / 1e6);
        } finally {
            pool.shutdownNow();
            server.stop();
        }
    }

    private static long[] run(ExecutorService pool, HttpClient client, HttpRequest request, int requests, int clients)
            throws Exception {
        List<Future<long[]>> parts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            parts.add(pool.submit(() -> {
                long[] l = new long[requests / clients];
                for (int i = 0; i < l.length; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("status " + r.statusCode());
                    }
                    l[i] = System.nanoTime() - t0;
                }
                return l;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : parts) {
            for (long v : f.get()) {
                all.add(v);
            }
        }
        return all.stream().mapToLong(Long::longValue).toArray();
    }
}
