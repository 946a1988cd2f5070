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
            assertEquals("2 connectors are suspended", body(w.get("/connectors/pause/all")));
            awaitBoth(w, "PAUSED");
            assertEquals("2 connectors are resumed", body(w.get("/connectors/resume/all")));
            awaitBoth(w, "RUNNING");
            assertEquals("Connector [rmq-sink] paused successfully", body(w.get("/connectors/rmq-sink/pause")));
            assertEquals("Connector [rmq-sink] resumed successfully", body(w.get("/connectors/rmq-sink/resume")));
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

    /**
     * What RocketMQ Connect's connectors read of positions: sink records' partition {topic, brokerName, queueId}
     * and offset {queueOffset}, all text (the sink casts them as its Kafka adapter does), the send result in
     * {@code commit(record, metadata)}, and {@code resetOffset} going back: the sink, on first seeing pos-9,
     * resets to pos-5's offset, so pos-5 to pos-9 arrive twice and nothing else does.
     */
    @ParameterizedTest
    @EnumSource(value = Drivers.class, names = {"LOCAL", "RABBITMQ", "KAFKA"})
    void sinkPositionsSendMetadataAndResetOffsetAreRocketMqConnects(Drivers driver) throws Exception {
        driver.assumeAvailable();
        Path out = dir.resolve("positions.txt");
        Path metadata = dir.resolve("metadata.txt");
        String url = driver.url(dir);
        String driverName = url.substring("oms:".length(), url.indexOf("://"));
        try (TestWorker w = TestWorker.create(dir, driver.plugin)) {
            RocketMqStylePlugins.write(w.pluginsDir());
            w.start();
            String topic = driver.prepareTopic("rmq-pos-" + System.nanoTime(), "rmq-pos-sink");
            Map<String, Object> sink = Map.of("connector.class", RocketMqStylePlugins.SINK, "connect.topicnames", topic,
                    "file", out.toString(), "rewind.at", "pos-9", "rewind.to", "pos-5", "oms-driver-url", url,
                    "value.converter", JSON_CONVERTER);
            assertEquals(200, w.send("POST", "/connectors/rmq-pos-sink", sink).statusCode());
            Map<String, Object> source = Map.of("connector.class", RocketMqStylePlugins.SOURCE, "connect.topicname", topic,
                    "oms-driver-url", url, "count", "25", "value.converter", JSON_CONVERTER,
                    "kafka.connector.configs", Map.of("prefix", "pos-"), "metadata.file", metadata.toString());
            assertEquals(200, w.send("POST", "/connectors/rmq-pos-source", source).statusCode());

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.add("pos-" + i);
            }
            for (int i = 5; i < 25; i++) {
                expected.add("pos-" + i);
            }
            TestWorker.await("30 records in the sink's file", WAIT, () -> TestWorker.lines(out).size() >= 30);
            TestWorker.await("25 commits told to the source", WAIT, () -> TestWorker.lines(metadata).size() >= 25);
            List<String[]> written = TestWorker.lines(out).stream().map(l -> l.split("\\|")).toList();
            assertEquals(expected, written.stream().map(f -> f[0]).toList(), "pos-5 to pos-9 again after the reset, nothing else twice");
            Map<String, Long> offsets = new java.util.HashMap<>();
            for (String[] f : written) {
                assertEquals(List.of(topic, driverName, "0"), List.of(f[1], f[2], f[3]), String.join("|", f));
                long queueOffset = Long.parseLong(f[4]);
                assertTrue(queueOffset >= 0, "every record has its queueOffset: " + String.join("|", f));
                Long first = offsets.putIfAbsent(f[0], queueOffset);
                assertTrue(first == null || first == queueOffset, "a record read again has its offset again: " + String.join("|", f));
            }

            for (String line : TestWorker.lines(metadata)) {
                String[] f = line.split("\\|");
                Map<String, String> m = new java.util.HashMap<>();
                for (int i = 1; i < f.length; i++) {
                    m.put(f[i].substring(0, f[i].indexOf('=')), f[i].substring(f[i].indexOf('=') + 1));
                }
                assertEquals("SEND_OK", m.get("send.status"), line);
                assertEquals(topic, m.get("topic"), line);
                assertEquals(driverName, m.get("broker.name"), line);
                assertEquals("0", m.get("queue.id"), line);
                if (driver != Drivers.RABBITMQ) { // RabbitMQ's publisher confirms carry no stream offset
                    assertEquals(String.valueOf(offsets.get(f[0])), m.get("queue.offset"), "where the sink read it: " + line);
                    assertEquals(m.get("queue.offset"), m.get("queueOffset"), line);
                    assertTrue(m.get("msg.id") != null && !m.get("msg.id").isEmpty(), line);
                }
            }
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
