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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka Connect's offsets routes for a sink (KIP-875) on the drivers that can seek: with the connector STOPPED,
 * {@code PATCH /connectors/{c}/offsets} moves its consumer group to a record's {@code queueOffset} and
 * {@code DELETE} back to the queue's start; once resumed, the sink gets the records from there again. The sink
 * ({@link RocketMqStylePlugins#SINK}) writes every record it gets, with its position, and skips none. A sink
 * task that calls {@code resetOffset} in {@code start} begins there.
 */
class SinkOffsetsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String STRING_CONVERTER = "org.apache.rocketmq.connect.runtime.converter.record.StringConverter";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Drivers.class, names = {"LOCAL", "RABBITMQ", "KAFKA"})
    void aStoppedSinksOffsetsMoveItsConsumerGroup(Drivers driver) throws Exception {
        driver.assumeAvailable();
        Path out = dir.resolve("out.txt");
        String url = driver.url(dir);
        try (TestWorker w = TestWorker.create(dir, driver.plugin)) {
            RocketMqStylePlugins.write(w.pluginsDir());
            w.start();
            String topic = driver.prepareTopic("sink-offsets-" + System.nanoTime(), "offsets-sink");
            Map<String, String> sink = Map.of("connector.class", RocketMqStylePlugins.SINK, "topics", topic,
                    "file", out.toString(), "oms-driver-url", url, "value.converter", STRING_CONVERTER);
            assertEquals(201, w.send("POST", "/connectors", Map.of("name", "offsets-sink", "config", sink)).statusCode());
            Map<String, Object> source = Map.of("connector.class", RocketMqStylePlugins.SOURCE, "topic", topic,
                    "oms-driver-url", url, "count", "10", "value.converter", STRING_CONVERTER,
                    "kafka.connector.configs", Map.of("prefix", "off-"));
            assertEquals(201, w.send("POST", "/connectors", Map.of("name", "offsets-source", "config", source)).statusCode());
            TestWorker.await("10 records in the sink's file", WAIT, () -> TestWorker.lines(out).size() >= 10);
            Map<String, String> offsetOf = new HashMap<>();
            TestWorker.lines(out).forEach(line -> offsetOf.put(line.split("\\|")[0], line.split("\\|")[4]));

            HttpResponse<String> running = w.send("PATCH", "/connectors/offsets-sink/offsets", offsets(topic, offsetOf.get("off-6")));
            assertEquals(400, running.statusCode(), "a running connector's offsets are not changed: " + running.body());
            stop(w);
            HttpResponse<String> foreign = w.send("PATCH", "/connectors/offsets-sink/offsets", offsets("no-such-topic", "0"));
            assertEquals(400, foreign.statusCode(), foreign.body());
            assertTrue(foreign.body().contains("partition"), foreign.body());

            // back to off-6: off-6 to off-9 come again
            HttpResponse<String> moved = w.send("PATCH", "/connectors/offsets-sink/offsets", offsets(topic, offsetOf.get("off-6")));
            assertEquals(200, moved.statusCode(), moved.body());
            resume(w);
            TestWorker.await("off-6 to off-9 again", WAIT, () -> TestWorker.lines(out).size() >= 14);
            assertEquals(List.of("off-6", "off-7", "off-8", "off-9"), values(out).subList(10, 14));

            // reset: everything again from the queue's start
            stop(w);
            HttpResponse<String> reset = w.delete("/connectors/offsets-sink/offsets");
            assertEquals(200, reset.statusCode(), reset.body());
            resume(w);
            TestWorker.await("all ten again", WAIT, () -> TestWorker.lines(out).size() >= 24);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.add("off-" + i);
            }
            assertEquals(expected, values(out).subList(14, 24));
            assertEquals(24, TestWorker.lines(out).size(), "nothing else came");

            // a sink that keeps its own positions says in start() where to begin: a new group starts at off-8
            Path own = dir.resolve("own.txt");
            Map<String, String> ownStart = new HashMap<>(sink);
            ownStart.putAll(Map.of("file", own.toString(), "start.topic", topic, "start.offset", offsetOf.get("off-8")));
            assertEquals(201, w.send("POST", "/connectors", Map.of("name", "own-start-sink", "config", ownStart)).statusCode());
            TestWorker.await("off-8 and off-9", WAIT, () -> TestWorker.lines(own).size() >= 2);
            assertEquals(List.of("off-8", "off-9"), values(own));
        }
    }

    private static Map<String, Object> offsets(String topic, String queueOffset) {
        return Map.of("offsets", List.of(Map.of("partition", Map.of("topic", topic), "offset", Map.of("queueOffset", queueOffset))));
    }

    private static List<String> values(Path out) throws Exception {
        return TestWorker.lines(out).stream().map(l -> l.split("\\|")[0]).toList();
    }

    private static void stop(TestWorker w) throws Exception {
        assertEquals(204, w.send("PUT", "/connectors/offsets-sink/stop", "").statusCode());
        TestWorker.await("the sink STOPPED", WAIT, () -> "STOPPED".equals(state(w)));
    }

    private static void resume(TestWorker w) throws Exception {
        assertEquals(202, w.send("PUT", "/connectors/offsets-sink/resume", "").statusCode());
        TestWorker.await("the sink RUNNING", WAIT, () -> "RUNNING".equals(state(w)));
    }

    private static String state(TestWorker w) throws Exception {
        JSONObject status = JSON.parseObject(w.get("/connectors/offsets-sink/status").body());
        return status.getJSONObject("connector").getString("state");
    }
}
