package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka Connect's transform and predicate configs, written as Kafka's documentation writes them (its class
 * names, {@code .type}, KIP-585 predicates with {@code .negate}), run unchanged on our transforms plugin: two
 * sources route their lines to new topics with RegexRouter; two sinks read both topics, one dropping a topic's
 * records with Filter where TopicNameMatches holds, the other where it does not.
 */
class TransformsPipelineIT {
    private static final String KAFKA = "org.apache.kafka.connect.transforms.";

    @TempDir
    Path dir;

    @Test
    void aChainWithAPredicateRoutesAndFiltersByTopic() throws Exception {
        Path fooIn = dir.resolve("foo.txt");
        Path barIn = dir.resolve("bar.txt");
        Path withoutFoo = dir.resolve("without-foo.txt");
        Path onlyFoo = dir.resolve("only-foo.txt");
        List<String> foo = List.of("foo-1", "foo-2", "foo-3");
        List<String> bar = List.of("bar-1", "bar-2");
        FilePipelineIT.append(fooIn, foo);
        FilePipelineIT.append(barIn, bar);
        try (TestWorker w = TestWorker.create(dir, "file-connector", "oms-driver-local", "transforms").start()) {
            JSONArray plugins = JSON.parseArray(w.get("/connector-plugins?connectorsOnly=false").body());
            Map<String, String> types = plugins.stream().map(JSONObject.class::cast)
                    .collect(Collectors.toMap(p -> p.getString("class"), p -> p.getString("type")));
            assertEquals("transformation", types.get("io.openmessaging.omsconnect.transforms.RegexRouter"), plugins.toString());
            assertEquals("predicate", types.get("io.openmessaging.omsconnect.transforms.predicates.TopicNameMatches"),
                    plugins.toString());
            // what a transform declares, as Kafka's GET /connector-plugins/{plugin}/config (here by its Kafka name)
            JSONArray routerKeys = JSON.parseArray(w.get("/connector-plugins/" + KAFKA + "RegexRouter/config").body());
            assertEquals(Set.of("regex", "replacement"), routerKeys.stream().map(JSONObject.class::cast)
                    .map(k -> k.getString("name")).collect(Collectors.toSet()), routerKeys.toString());

            for (String name : List.of("foo", "bar")) {
                created(w, name + "-source", Map.of("connector.class", FilePipelineIT.SOURCE,
                        "file", dir.resolve(name + ".txt").toString(), "topic", name + "-lines",
                        "transforms", "route", "transforms.route.type", KAFKA + "RegexRouter",
                        "transforms.route.regex", "(.*)-lines", "transforms.route.replacement", "routed-$1"));
            }
            created(w, "without-foo", sink(withoutFoo, false));
            created(w, "only-foo", sink(onlyFoo, true));

            TestWorker.await("bar's lines without foo's", Duration.ofSeconds(30),
                    () -> TestWorker.lines(withoutFoo).size() >= bar.size());
            TestWorker.await("foo's lines only", Duration.ofSeconds(30), () -> TestWorker.lines(onlyFoo).size() >= foo.size());
            assertEquals(bar, TestWorker.lines(withoutFoo));
            assertEquals(foo, TestWorker.lines(onlyFoo));
            JSONObject topics = JSON.parseObject(w.get("/connectors/foo-source/topics").body());
            assertEquals(List.of("routed-foo"), topics.getJSONObject("foo-source").getList("topics", String.class),
                    "the source's records went to the topic the router chose");

            // a bad transform or predicate key is a 400 at create naming it, as sent
            Map<String, String> badPattern = new HashMap<>(sink(dir.resolve("x.txt"), false));
            badPattern.put("predicates.isFoo.pattern", "routed-(foo");
            HttpResponse<String> refused = w.send("POST", "/connectors", Map.of("name", "bad", "config", badPattern));
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(JSON.parseObject(refused.body()).getString("message").startsWith("predicates.isFoo.pattern"), refused.body());
            Map<String, String> unlisted = new HashMap<>(sink(dir.resolve("x.txt"), false));
            unlisted.put("transforms.dropFoo.predicate", "isBar");
            refused = w.send("POST", "/connectors", Map.of("name", "bad", "config", unlisted));
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(JSON.parseObject(refused.body()).getString("message").startsWith("transforms.dropFoo.predicate"),
                    refused.body());
        }
    }

    /** A sink of both routed topics that drops foo's records (or, negated, every other record). */
    private static Map<String, String> sink(Path out, boolean negate) {
        return Map.of("connector.class", FilePipelineIT.SINK, "file", out.toString(), "topics", "routed-foo,routed-bar",
                "transforms", "dropFoo", "transforms.dropFoo.type", KAFKA + "Filter",
                "transforms.dropFoo.predicate", "isFoo", "transforms.dropFoo.negate", String.valueOf(negate),
                "predicates", "isFoo", "predicates.isFoo.type", KAFKA + "predicates.TopicNameMatches",
                "predicates.isFoo.pattern", "routed-foo");
    }

    private static void created(TestWorker w, String name, Map<String, String> config) throws Exception {
        HttpResponse<String> r = w.send("POST", "/connectors", Map.of("name", name, "config", config));
        assertEquals(201, r.statusCode(), r.body());
    }
}
