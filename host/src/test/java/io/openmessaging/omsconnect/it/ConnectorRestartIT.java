package io.openmessaging.omsconnect.it;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code POST /connectors/{c}/restart} brings the connector back before its tasks. */
class ConnectorRestartIT {
    @TempDir
    Path dir;

    @Test
    void aConnectorThatFailedAtBootComesBackWithItsTasksOnOneRestart() throws Exception {
        Path armed = dir.resolve("connector-start.switch");
        try (TestWorker w = TestWorker.create(dir, Drivers.LOCAL.plugin)) {
            FaultPlugins.write(w.pluginsDir());
            w.start();
            // no automatic restarts: only the REST restart may bring the task back
            HttpResponse<String> created = w.send("POST", "/connectors", FilePipelineIT.connector("r", Map.ofEntries(
                    Map.entry("connector-class", FaultPlugins.SOURCE),
                    Map.entry("connect-topicname", "restart-order"),
                    Map.entry("prefix", "r"),
                    Map.entry("records", "10"),
                    Map.entry("oms-driver-url", Drivers.LOCAL.url(dir)),
                    Map.entry("task-restart-enable", "false"),
                    Map.entry("fault.id", "restart-order"),
                    Map.entry("fault.side", "connector"),
                    Map.entry("fault.hook", "start"),
                    Map.entry("fault.switch", armed.toString()),
                    Map.entry("fault.times", "1"))));
            assertEquals(201, created.statusCode(), created.body());
            TestWorker.await("the task to run", Duration.ofSeconds(30), () -> "RUNNING".equals(taskState(w)));

            w.stop();
            Files.writeString(armed, "armed"); // the connector's start throws once, at the next boot
            w.start();
            assertEquals("FAILED", status(w).getJSONObject("connector").getString("state"));

            HttpResponse<String> restarted = w.send("POST", "/connectors/r/restart", "");
            assertEquals(204, restarted.statusCode(), restarted.body());
            assertEquals("RUNNING", status(w).getJSONObject("connector").getString("state"));
            assertEquals("RUNNING", taskState(w), "the task started after its connector: " + status(w));
        }
    }

    private static JSONObject status(TestWorker w) throws Exception {
        return JSON.parseObject(w.get("/connectors/r/status").body());
    }

    private static String taskState(TestWorker w) throws Exception {
        return status(w).getJSONArray("tasks").getJSONObject(0).getString("state");
    }
}
