package io.openmessaging.omsconnect.driversupport.resource;

import io.openmessaging.KeyValue;
import io.openmessaging.exception.OMSNotSupportedException;
import io.openmessaging.internal.DefaultKeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueueOnlyResourceManagerTest {
    private final KeyValue none = new DefaultKeyValue();
    private final QueueOnlyResourceManager manager = new FakeResourceManager();

    @Test
    void everyCallButTheQueuesIsRefusedNamingTheDriverAndWhy() {
        Map<String, List<Executable>> refusals = Map.of(
                "Not supported by the Fake driver: namespaces: it has none", List.of(
                        () -> manager.createNamespace("ns", none), () -> manager.setNamespaceAttributes("ns", none),
                        () -> manager.getNamespaceAttributes("ns"), () -> manager.deleteNamespace("ns"), manager::listNamespaces),
                "Not supported by the Fake driver: routings", List.of(
                        () -> manager.createRouting("r", none), () -> manager.setRoutingAttributes("r", none),
                        () -> manager.getRoutingAttributes("r"), () -> manager.deleteRouting("r"), () -> manager.listRoutings("ns")),
                "Not supported by the Fake driver: streams", List.of(() -> manager.listStreams("q")),
                "Not supported by the Fake driver: updateMessage: they are immutable", List.of(() -> manager.updateMessage("q", "m", none)),
                "Not supported by the Fake driver: setQueueAttributes", List.of(() -> manager.setQueueAttributes("q", none)));
        refusals.forEach((message, calls) -> {
            for (Executable call : calls) {
                assertEquals(message, assertThrows(OMSNotSupportedException.class, call).getMessage());
            }
        });
    }
}
