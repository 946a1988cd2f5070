package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.herder.Herder;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.openmessaging.omsconnect.rest.ConnectorsResourceTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Token, upload policy, unknown paths and methods, body size limit, the port-0 binding. */
class SecurityTest {

    @Test
    void tokenGuardsEveryChangeButNotReads() {
        Herder herder = RestHarness.mockHerder();
        when(herder.connectors()).thenReturn(List.of());
        try (RestHarness rest = new RestHarness(herder, "restToken=s3cret")) {
            assertEquals(200, rest.get("/connectors").status());
            RestHarness.Response none = rest.send("DELETE", "/connectors/c1", (String) null);
            assertError(none, 401, "this request needs the header 'Authorization: Bearer <restToken>'");
            assertEquals("Bearer realm=\"omsconnect\"", none.header("WWW-Authenticate"));
            assertError(rest.send("DELETE", "/connectors/c1", (String) null, "Authorization", "Bearer wrong"), 401, "invalid bearer token");
            assertEquals(401, rest.send("DELETE", "/connectors/c1", (String) null, "Authorization", "Basic czNjcmV0").status());
            assertEquals(401, rest.send("POST", "/plugins?name=a.jar", "PK").status());
            assertEquals(401, rest.get("/connectors/c1/stop").status(), "the seed's GET that removes needs the token too");
            assertEquals(401, rest.get("/connectors/c1?config=" + URLEncoder.encode("{}", StandardCharsets.UTF_8)).status());
            assertEquals(401, rest.get("/connectors/stopAll").status());
            assertEquals(401, rest.get("/plugin/config/validate?config=" + URLEncoder.encode("{}", StandardCharsets.UTF_8)).status(),
                    "RocketMQ Connect's validation runs the connector's code, as Kafka's PUT .../config/validate");
            assertEquals(200, rest.get("/allocated/tasks").status());
            verify(herder, never()).deleteConnector(anyString());
            verify(herder, never()).validateConnectorConfig(anyString(), any());
            verify(herder, never()).installPlugin(anyString(), any());

            assertEquals(204, rest.send("DELETE", "/connectors/c1", (String) null, "Authorization", "Bearer s3cret").status());
            assertEquals(204, rest.send("DELETE", "/connectors/c2", (String) null, "authorization", "bearer s3cret").status());
            verify(herder).deleteConnector("c1");
        }
    }

    @Test
    void uploadForbiddenWhenDisabled() {
        assertUploadForbidden("pluginUploadEnabled=false", "plugin upload is disabled on this worker (pluginUploadEnabled=false)");
    }

    @Test
    void uploadForbiddenOnNonLoopbackWithoutToken() {
        assertUploadForbidden("restBindAddress=0.0.0.0", "plugin upload needs a restToken when REST is bound to a non-loopback address");
    }

    private static void assertUploadForbidden(String setting, String message) {
        Herder herder = RestHarness.mockHerder();
        try (RestHarness rest = new RestHarness(herder, setting)) {
            assertError(rest.send("POST", "/plugins?name=a.jar", "PK"), 403, message);
            verifyNoInteractions(herder);
        }
    }

    @Test
    void unknownPath404AndWrongMethod405WithAllow() {
        try (RestHarness rest = new RestHarness(RestHarness.mockHerder())) {
            assertError(rest.get("/nope"), 404, "HTTP 404 Not Found");
            assertError(rest.get("/connectors/c1/tasks/0/nope"), 404, "HTTP 404 Not Found");
            RestHarness.Response r = rest.send("PATCH", "/connectors", "{}");
            assertError(r, 405, "HTTP 405 Method Not Allowed");
            assertEquals("GET, POST", r.header("Allow"));
            RestHarness.Response config = rest.send("DELETE", "/connectors/c1/config", (String) null);
            assertEquals(405, config.status());
            assertTrue(config.header("Allow").contains("PUT") && config.header("Allow").contains("GET"), config.header("Allow"));
            assertEquals(405, rest.send("OPTIONS", "/plugins", (String) null).status());
        }
    }

    @Test
    void jsonBodyOverLimitIs413() {
        Herder herder = RestHarness.mockHerder();
        try (RestHarness rest = new RestHarness(herder)) {
            String big = "{\"name\":\"c\",\"config\":{\"k\":\"" + "x".repeat((int) RestHarness.MAX_REQUEST) + "\"}}";
            assertEquals(413, rest.send("POST", "/connectors", big).status());
            assertEquals(413, rest.send("PUT", "/connectors/c/config", big).json().getIntValue("error_code"));
            verify(herder, never()).createConnector(anyString(), anyMap(), any(), any());
            verify(herder, never()).putConnectorConfig(anyString(), anyMap(), anyBoolean());
            when(herder.workerInfo()).thenReturn(Fixtures.worker());
            assertEquals(200, rest.get("/health").status());
        }
    }

    @Test
    void portTakenFailsStartClearly() {
        try (RestHarness first = new RestHarness(RestHarness.mockHerder())) {
            int port = first.server.port();
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> new RestHarness(RestHarness.mockHerder(), "httpPort=" + port));
            assertTrue(e.getMessage().contains(String.valueOf(port)), e.getMessage());
            assertEquals(200, first.get("/connectors").status(), "the first server is unharmed");
        }
    }

    @Test
    void bindsAFreePortAndStops() {
        RestHarness rest = new RestHarness(RestHarness.mockHerder());
        assertTrue(rest.server.port() > 0);
        rest.close();
        rest.close(); // twice is fine
    }
}
