package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.herder.NotFoundException;
import io.openmessaging.omsconnect.plugin.PluginException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;

/**
 * The generated bad input of {@link HostileRequests} against the REST server alone. Every answer
 * must be a 4xx JSON error, and the worker must still be healthy afterwards. The herder refuses anything
 * that reaches it (404), reads uploads fully and refuses them as bad archives, as the real one would.
 */
class HostileRequestsTest {
    private static final long SEED = 20261125L;

    @Test
    void everyHostileRequestGetsA4xxJsonError() {
        Herder herder = RestHarness.mockHerder(invocation -> {
            throw new NotFoundException("nothing here");
        });
        doReturn(Fixtures.worker()).when(herder).workerInfo();
        doReturn(List.of()).when(herder).connectors();
        doAnswer(inv -> {
            try (InputStream in = inv.getArgument(1)) {
                in.readAllBytes();
            } catch (IOException e) {
                throw new PluginException(PluginException.Reason.BAD_ARCHIVE, "unreadable upload", e);
            }
            throw new PluginException(PluginException.Reason.BAD_ARCHIVE, "not a jar or zip");
        }).when(herder).installPlugin(anyString(), any());

        List<HostileRequests.Attack> attacks = HostileRequests.generate(SEED, RestHarness.MAX_REQUEST, RestHarness.MAX_UPLOAD);
        assertTrue(attacks.size() >= 300, "only " + attacks.size() + " requests generated");

        List<String> failures = new ArrayList<>();
        try (RestHarness rest = new RestHarness(herder)) {
            for (HostileRequests.Attack a : attacks) {
                RestHarness.Response r = rest.send(a.method(), a.path(), a.body(), a.headers());
                String problem = HostileRequests.problem(r.status(), r.header("Content-Type"), r.body());
                if (problem != null) {
                    failures.add(a + " -> " + problem);
                }
            }
            RestHarness.Response health = rest.get("/health");
            assertEquals(200, health.status(), health.body());
            assertEquals("healthy", health.json().getString("status"));
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + attacks.size() + " failed:\n" + String.join("\n", failures));
    }
}
