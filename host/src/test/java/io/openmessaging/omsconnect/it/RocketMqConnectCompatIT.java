package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RocketMQ Connect's usage, as its documentation writes it, on our worker: its create route with a flat config
 * body, its dotted keys and its converter class names, a connector that behaves as its connectors do (a blank
 * topic extension, a nested config value read as JSON text; {@link RocketMqStylePlugins}), its restart, bulk
 * and allocation routes, and an abstract transform named as such. Each case asserts the records that arrive.
 */
class RocketMqConnectCompatIT {
    private static final String JSON_CONVERTER = "org.apache.rocketmq.connect.runtime.converter.record.json.JsonConverter";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Drivers.class, names = {"LOCAL", "RABBITMQ"})
    void rocketMqConnectConfigsRoutesAndConnectorsRunUnchanged(Drivers driver) throws Exception {
        driver.assumeAvailable();
        Path out = dir.resolve("out.txt");
        try (TestWorker w = TestWorker.create(dir, "file-connector", driver.plugin)) {
            RocketMqStylePlugins.write(w.pluginsDir());
            w.start();
            String topic = driver.prepareTopic("rmq-style-" + System.nanoTime(), "rmq-sink");
            // RocketMQ Connect's create: POST /connectors/{name} with the flat config; a nested object value
            Map<String, Object> source = Map.of("connector.class", RocketMqStylePlugins.SOURCE, "connect.topicname", topic,
                    "oms-driver-url", driver.url(dir), "count", "25", "value.converter", JSON_CONVERTER,
                    "key.converter", JSON_CONVERTER, "kafka.connector.configs", Map.of("prefix", "rmq-", "other", 1));
            HttpResponse<String> created = w.send("POST", "/connectors/rmq-source", source);
            assertEquals(200, created.statusCode(), created.body());
            JSONObject answer = JSON.parseObject(created.body());
            assertEquals(200, answer.getIntValue("status"), created.body());
            assertEquals(RocketMqStylePlugins.SOURCE, answer.getJSONObject("body").getString("connector.class"));
            Map<String, Object> sink = Map.of("connector.class", FilePipelineIT.SINK, "connect.topicnames", topic,
                    "file", out.toString(), "oms-driver-url", driver.url(dir), "value.converter", JSON_CONVERTER,
                    "key.converter", JSON_CONVERTER);
            assertEquals(200, w.send("POST", "/connectors/rmq-sink", sink).statusCode());

            // the blank topic extension went to connect.topicname; the prefix came from the nested value
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                expected.add("rmq-" + i);
            }
            TestWorker.await("25 lines in the sink's file", WAIT, () -> TestWorker.lines(out).size() >= 25);
            assertEquals(expected, TestWorker.lines(out));
            JSONObject stored = JSON.parseObject(w.get("/connectors/rmq-source/config").body());
            assertEquals(JSON.parseObject("{\"prefix\":\"rmq-\",\"other\":1}"),
                    JSON.parseObject(stored.getString("kafka.connector.configs")), "a nested value is kept as its JSON text");

            HttpResponse<String> restarted = w.get("/connectors/rmq-source/restart");
            assertEquals("Connector [rmq-source] restarted successfully", body(restarted));
            assertEquals("Task [rmq-source/ 0] restarted successfully", body(w.get("/connectors/rmq-source/tasks/0/restart")));
            assertTrue(body(w.get("/connectors/pause/all")).endsWith("connectors are suspended"));
            awaitBoth(w, "PAUSED");
            assertTrue(body(w.get("/connectors/resume/all")).endsWith("connectors are resumed"));
            awaitBoth(w, "RUNNING");
            JSONObject allocated = JSON.parseObject(w.get("/allocated/connectors").body()).getJSONObject("body");
            assertTrue(allocated.keySet().containsAll(List.of("rmq-source", "rmq-sink")), allocated.toString());

            // an abstract transform class is named as such, not as unknown
            Map<String, Object> withAbstract = new java.util.HashMap<>(source);
            withAbstract.put("transforms", "up");
            withAbstract.put("transforms-up-class", RocketMqStylePlugins.ABSTRACT_TRANSFORM);
            HttpResponse<String> refused = w.send("POST", "/connectors/rmq-abstract", withAbstract);
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("is abstract"), refused.body());

            assertTrue(body(w.get("/connectors/stop/all")).endsWith("connectors are deleted"));
            assertEquals("[]", w.get("/connectors").body());
            assertEquals("No connector needs to be deleted, please add connector first", body(w.get("/connectors/stop/all")));
        }
    }

    private static String body(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        JSONObject answer = JSON.parseObject(r.body());
        assertEquals(200, answer.getIntValue("status"), r.body());
        return answer.getString("body");
    }

    private static void awaitBoth(TestWorker w, String state) throws Exception {
        for (String c : List.of("rmq-source", "rmq-sink")) {
            TestWorker.await(c + " " + state, WAIT, () -> {
                JSONObject status = JSON.parseObject(w.get("/connectors/" + c + "/status").body());
                return state.equals(status.getJSONObject("connector").getString("state"))
                        && state.equals(status.getJSONArray("tasks").getJSONObject(0).getString("state"));
            });
        }
    }
}
