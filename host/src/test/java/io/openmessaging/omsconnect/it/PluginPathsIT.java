package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.plugin.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A worker started with RocketMQ Connect's pluginPaths: its entries over REST, read-only. */
class PluginPathsIT {
    @TempDir
    Path dir;

    @Test
    void pluginPathsEntriesAreListedUsableAndReloadableButNeverUninstalled() throws Exception {
        Path jar = TestPlugins.pack(dir.resolve("connectors").resolve("rmq-style-1.0.jar"), TestPlugins.plainManifest(),
                TestPlugins.compile(Map.of("com.acme.rmq.RmqSource", TestPlugins.sourceConnector("com.acme.rmq.RmqSource"))));
        Path missing = dir.resolve("not-there");
        try (TestWorker w = TestWorker.create(dir).set("pluginPaths", "connectors/*, not-there").start()) {
            JSONArray plugins = JSON.parseArray(w.get("/plugins").body());
            JSONObject loaded = plugins.getJSONObject(0);
            assertEquals("rmq-style", loaded.getString("id"));
            assertEquals(jar.toString(), loaded.getString("path"));
            JSONObject notLoaded = plugins.getJSONObject(1);
            assertEquals(missing.toString(), notLoaded.getString("path"));
            assertEquals("FAILED", notLoaded.getString("state"));
            assertTrue(notLoaded.getString("reason").contains("pluginPaths"), notLoaded.toString());
            assertTrue(w.get("/connector-plugins").body().contains("com.acme.rmq.RmqSource"));

            HttpResponse<String> refused = w.delete("/plugins/rmq-style");

            assertEquals(409, refused.statusCode(), refused.body());
            JSONObject error = JSON.parseObject(refused.body());
            assertEquals(409, error.getIntValue("error_code"));
            assertTrue(error.getString("message").contains("pluginPaths"), error.toString());
            assertTrue(Files.isRegularFile(jar), "the jar was deleted");
            assertEquals(200, w.send("POST", "/plugins/rmq-style/reload", "").statusCode());
            assertEquals(200, w.get("/plugins/rmq-style").statusCode());
        }
    }
}
