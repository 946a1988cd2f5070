package io.openmessaging.omsconnect.rest;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.herder.Herder;
import org.mockito.MockMakers;
import org.mockito.Mockito;
import org.mockito.stubbing.Answer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/** A real {@link RestServer} on a free loopback port in front of a (mocked) herder, and a client for it. */
final class RestHarness implements AutoCloseable {
    static final long MAX_REQUEST = 64 * 1024;
    static final long MAX_UPLOAD = 256 * 1024;

    final Herder herder;
    final RestServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * A mocked herder. The subclass mock maker is enough for an interface and spares the inline maker's
     * agent attach, which costs seconds on a loaded machine.
     */
    static Herder mockHerder() {
        return Mockito.mock(Herder.class, Mockito.withSettings().mockMaker(MockMakers.SUBCLASS));
    }

    /** A mocked herder whose unstubbed methods answer with {@code answer}. */
    static Herder mockHerder(Answer<Object> answer) {
        return Mockito.mock(Herder.class, Mockito.withSettings().mockMaker(MockMakers.SUBCLASS).defaultAnswer(answer));
    }

    /** @param settings worker config overrides, "key=value" */
    RestHarness(Herder herder, String... settings) {
        this.herder = herder;
        Properties p = new Properties();
        p.setProperty("workerId", "w1");
        p.setProperty("httpPort", "0");
        p.setProperty("restBindAddress", "127.0.0.1");
        p.setProperty("maxRequestBytes", String.valueOf(MAX_REQUEST));
        p.setProperty("maxUploadBytes", String.valueOf(MAX_UPLOAD));
        for (String s : settings) {
            int eq = s.indexOf('=');
            p.setProperty(s.substring(0, eq), s.substring(eq + 1));
        }
        server = new RestServer(WorkerConfig.from(p, Path.of(System.getProperty("java.io.tmpdir"))), herder);
        server.start();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    Response send(String method, String pathAndQuery, String body, String... headers) {
        return send(method, pathAndQuery, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    Response send(String method, String pathAndQuery, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Response get(String pathAndQuery) {
        return send("GET", pathAndQuery, (byte[]) null);
    }

    @Override
    public void close() {
        server.stop();
    }

    record Response(int status, String body, HttpHeaders headers) {
        JSONObject json() {
            return JSON.parseObject(body);
        }

        JSONArray array() {
            return JSON.parseArray(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
