package io.openmessaging.omsconnect.rest;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.driver.DriverException;
import io.openmessaging.omsconnect.driver.DriverInfo;
import io.openmessaging.omsconnect.herder.ConflictException;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.plugin.NotLoadedPlugin;
import io.openmessaging.omsconnect.plugin.PluginException;
import io.openmessaging.omsconnect.rest.entity.ConfigInfos;
import io.openmessaging.omsconnect.rest.entity.ConnectorPluginInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.openmessaging.omsconnect.rest.ConnectorsResourceTest.assertError;
import static io.openmessaging.omsconnect.rest.ConnectorsResourceTest.assertField;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** /plugins (upload raw and multipart, limits), /connector-plugins and /drivers. */
class PluginsResourceTest extends MockedHerderTest {
    private final AtomicReference<byte[]> received = new AtomicReference<>();

    @BeforeEach
    void clearReceived() {
        received.set(null);
    }

    /** The herder reads the whole upload, like the real installer would. */
    private void installReadsStream() {
        when(herder.installPlugin(anyString(), any())).thenAnswer(inv -> {
            try (InputStream in = inv.getArgument(1)) {
                received.set(in.readAllBytes());
            } catch (IOException e) {
                throw new PluginException(PluginException.Reason.BAD_ARCHIVE, "could not read upload", e);
            }
            return Fixtures.plugin("uploaded");
        });
    }

    @Test
    void listsAndShowsPluginsWithoutClassLoader() {
        when(herder.plugins()).thenReturn(List.of(Fixtures.plugin("p1")));
        when(herder.plugin("p1")).thenReturn(Fixtures.plugin("p1"));
        RestHarness.Response r = rest.get("/plugins");
        assertEquals(200, r.status());
        JSONObject p = r.array().getJSONObject(0);
        assertEquals(keys("id", "version", "path", "kind", "state", "components"), p.keySet());
        JSONArray components = p.getJSONArray("components");
        assertEquals(keys("class", "type", "version", "plugin"), components.getJSONObject(0).keySet());
        assertEquals("source", components.getJSONObject(0).getString("type"));
        assertEquals("local", components.getJSONObject(1).getString("driver"));
        assertFalse(r.body().contains("loader"), r.body());
        assertEquals("p1", rest.get("/plugins/p1").json().getString("id"));
    }

    @Test
    void listsEntriesThatAreNotLoadedAfterThePlugins() {
        when(herder.plugins()).thenReturn(List.of(Fixtures.plugin("p1")));
        when(herder.notLoadedPlugins()).thenReturn(List.of(
                new NotLoadedPlugin(Path.of("/plugins-dir/broken.zip"), "broken.zip cannot be extracted")));
        JSONArray all = rest.get("/plugins").array();
        assertEquals(2, all.size(), all.toString());
        assertEquals(keys("id", "version", "path", "kind", "state", "components"), all.getJSONObject(0).keySet(),
                "a loaded plugin shows what it showed");
        JSONObject failed = all.getJSONObject(1);
        assertEquals(keys("path", "state", "components", "reason"), failed.keySet());
        assertEquals("FAILED", failed.getString("state"));
        assertEquals("/plugins-dir/broken.zip", failed.getString("path"));
        assertEquals("broken.zip cannot be extracted", failed.getString("reason"));
        assertTrue(failed.getJSONArray("components").isEmpty());
    }

    @Test
    void uploadsRawBody201() {
        installReadsStream();
        byte[] jar = "PK\u0003\u0004 fake jar".getBytes(StandardCharsets.ISO_8859_1);
        RestHarness.Response r = rest.send("POST", "/plugins?name=my-plugin.jar", jar, "Content-Type", "application/java-archive");
        assertEquals(201, r.status(), r.body());
        assertEquals("uploaded", r.json().getString("id"));
        assertEquals("/plugins/uploaded", r.header("Location"));
        assertArrayEquals(jar, received.get());
        verify(herder).installPlugin(eq("my-plugin.jar"), any());
    }

    @Test
    void uploadsMultipart201() {
        installReadsStream();
        byte[] jar = new byte[100_000];
        Arrays.fill(jar, (byte) 7);
        String boundary = "----omsconnectBoundary42";
        RestHarness.Response r = rest.send("POST", "/plugins", multipart(boundary, "x.zip", jar),
                "Content-Type", "multipart/form-data; boundary=" + boundary);
        assertEquals(201, r.status(), r.body());
        assertArrayEquals(jar, received.get());
        verify(herder).installPlugin(eq("x.zip"), any());
    }

    @Test
    void uploadOverLimitIs413WhileStreaming() {
        installReadsStream();
        byte[] big = new byte[(int) RestHarness.MAX_UPLOAD + 1];
        assertError(rest.send("POST", "/plugins?name=big.jar", big), 413, "request body is larger than the limit of "
                + RestHarness.MAX_UPLOAD + " bytes");
        verify(herder, never()).installPlugin(anyString(), any()); // refused by Content-Length at once

        // chunked: no Content-Length, so the herder's stream must trip (even though it wraps the error)
        RestHarness.Response chunked = rest.send(java.net.http.HttpRequest.newBuilder(rest.uri("/plugins?name=big.jar"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build());
        assertEquals(413, chunked.status(), chunked.body());
        assertEquals(413, chunked.json().getIntValue("error_code"));

        String boundary = "b0undary";
        RestHarness.Response multi = rest.send("POST", "/plugins", multipart(boundary, "big.jar", big),
                "Content-Type", "multipart/form-data; boundary=" + boundary);
        assertEquals(413, multi.status(), multi.body());
        when(herder.workerInfo()).thenReturn(Fixtures.worker());
        assertEquals(200, rest.get("/health").status());
    }

    @Test
    void uploadRefusesBadNamesAndBadArchives() {
        installReadsStream();
        byte[] bytes = "not a zip".getBytes(StandardCharsets.UTF_8);
        assertField(rest.send("POST", "/plugins", bytes), "name");
        assertField(rest.send("POST", "/plugins?name=..%2F..%2Fevil.jar", bytes), "name");
        assertField(rest.send("POST", "/plugins?name=evil.sh", bytes), "name");
        assertEquals(400, rest.send("POST", "/plugins?name=empty.jar", new byte[0]).status());
        assertEquals(400, rest.send("POST", "/plugins", multipart("b", "a.jar", bytes),
                "Content-Type", "multipart/form-data; boundary=other").json().getIntValue("error_code"));
        byte[] noFile = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8);
        assertField(rest.send("POST", "/plugins", noFile, "Content-Type", "multipart/form-data; boundary=b"), "file");

        reset(herder);
        when(herder.installPlugin(anyString(), any())).thenThrow(new PluginException(PluginException.Reason.BAD_ARCHIVE, "not a jar or zip"));
        assertError(rest.send("POST", "/plugins?name=x.jar", bytes), 400, "not a jar or zip");
        reset(herder);
        when(herder.installPlugin(anyString(), any())).thenThrow(new PluginException(PluginException.Reason.CONFLICT, "id p1 taken"));
        assertError(rest.send("POST", "/plugins?name=x.jar", bytes), 409, "id p1 taken");
        reset(herder);
        when(herder.installPlugin(anyString(), any())).thenThrow(new PluginException(PluginException.Reason.LOAD_FAILED, "cannot load",
                new NoClassDefFoundError("com/x/Y")));
        assertError(rest.send("POST", "/plugins?name=x.jar", bytes), 422, "cannot load: com/x/Y");
    }

    @Test
    void deletesAndReloadsPlugins() {
        assertEquals(204, rest.send("DELETE", "/plugins/p1", (String) null).status());
        verify(herder).uninstallPlugin("p1", false);
        assertEquals(204, rest.send("DELETE", "/plugins/p1?force=true", (String) null).status());
        verify(herder).uninstallPlugin("p1", true);
        doThrow(new ConflictException("plugin p1 is used by connector c1")).when(herder).uninstallPlugin("p2", false);
        assertError(rest.send("DELETE", "/plugins/p2", (String) null), 409, "plugin p1 is used by connector c1");
        doThrow(new PluginException(PluginException.Reason.NOT_FOUND, "no plugin p3")).when(herder).uninstallPlugin("p3", false);
        assertError(rest.send("DELETE", "/plugins/p3", (String) null), 404, "no plugin p3");

        when(herder.reloadPlugin("p1")).thenReturn(Fixtures.plugin("p1"));
        RestHarness.Response reloaded = rest.send("POST", "/plugins/p1/reload", (String) null);
        assertEquals(200, reloaded.status());
        assertEquals("p1", reloaded.json().getString("id"));

        // RocketMQ Connect's reload looks for plugins not loaded yet; it restarts nothing
        RestHarness.Response rescanned = rest.get("/plugin/reload");
        assertEquals(200, rescanned.status());
        assertEquals("Plugin reload succeeded", rescanned.json().getString("body"));
        verify(herder).rescanPlugins();
        verify(herder, times(1)).reloadPlugin("p1");
    }

    @Test
    void listsConnectorPluginsKafkaShape() {
        when(herder.connectorPlugins()).thenReturn(List.of(
                new ConnectorPluginInfo(Fixtures.SOURCE, "source", "1.0"),
                new ConnectorPluginInfo("x.Upper", "transformation", "1.0")));
        // RocketMQ Connect's list: every class, as its PluginInfo, in its envelope
        JSONArray rocketMq = rest.get("/plugin/list").json().getJSONArray("body");
        assertEquals(List.of("SOURCE", "TRANSFORMATION"), rocketMq.stream().map(p -> ((JSONObject) p).getString("type")).toList());
        assertEquals("x.Upper", rocketMq.getJSONObject(1).getString("className"));
        JSONArray connectors = rest.get("/connector-plugins").array();
        assertEquals(1, connectors.size());
        assertEquals(keys("class", "type", "version"), connectors.getJSONObject(0).keySet());
        assertEquals(Fixtures.SOURCE, connectors.getJSONObject(0).getString("class"));
        assertEquals(2, rest.get("/connector-plugins?connectorsOnly=false").array().size());
    }

    @Test
    void validatesConfig() {
        ConfigInfos infos = new ConfigInfos(Fixtures.SOURCE, 1, List.of("Common"), List.of(new ConfigInfos.ConfigInfo(
                new ConfigInfos.ConfigKeyInfo("file", "STRING", true, null, "HIGH", "the file", "Common", 1, "LONG", "File", List.of()),
                new ConfigInfos.ConfigValueInfo("file", null, List.of(), List.of("Missing required configuration"), true))));
        when(herder.validateConnectorConfig(eq(Fixtures.SOURCE), anyMap())).thenReturn(infos);
        RestHarness.Response r = rest.send("PUT", "/connector-plugins/" + Fixtures.SOURCE + "/config/validate",
                "{\"connector.class\":\"" + Fixtures.SOURCE + "\",\"tasks.max\":1}");
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().getIntValue("error_count"));
        assertEquals("Missing required configuration", r.json().getJSONArray("configs").getJSONObject(0)
                .getJSONObject("value").getJSONArray("errors").getString(0));
        assertTrue(r.json().getJSONArray("configs").getJSONObject(0).getJSONObject("value").containsKey("recommended_values"));
        assertField(rest.send("PUT", "/connector-plugins/" + Fixtures.SOURCE + "/config/validate",
                "{\"connector.class\":\"other.Connector\"}"), "connector.class");
        assertField(rest.send("PUT", "/connector-plugins/a%20b/config/validate", "{}"), "class");
    }

    @Test
    void listsDriversWithMaskedUrls() {
        when(herder.drivers()).thenReturn(List.of(new DriverInfo("rabbitmq", "rabbitmq-driver",
                "io.openmessaging.rabbitmq.MessagingAccessPointImpl", List.of("oms:rabbitmq://guest:guest@127.0.0.1:5672/vh"),
                List.of("seek")), new DriverInfo("other", "other-driver", "io.openmessaging.other.MessagingAccessPointImpl",
                List.of(), null)));
        JSONObject d = rest.get("/drivers").array().getJSONObject(0);
        assertEquals(keys("name", "plugin", "class", "urls_in_use", "features"), d.keySet());
        assertEquals(List.of("seek"), d.getJSONArray("features").toJavaList(String.class));
        assertEquals(keys("name", "plugin", "class", "urls_in_use"), rest.get("/drivers").array().getJSONObject(1).keySet(),
                "a driver that declares nothing shows no features");
        assertEquals("oms:rabbitmq://guest:******@127.0.0.1:5672/vh", d.getJSONArray("urls_in_use").getString(0));
    }

    @Test
    void driverFailureIs422() {
        when(herder.createConnector(anyString(), anyMap(), any(), any()))
                .thenThrow(new DriverException("no driver 'nope' for oms:nope://x/y"));
        assertError(rest.send("POST", "/connectors", "{\"name\":\"c\",\"config\":{}}"), 422, "no driver 'nope' for oms:nope://x/y");
    }

    static byte[] multipart(String boundary, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhello\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static java.util.Set<String> keys(String... keys) {
        return java.util.Set.of(keys);
    }

}
