package io.openmessaging.omsconnect.store;

import io.openmessaging.connector.api.data.RecordOffset;
import io.openmessaging.connector.api.data.RecordPartition;
import io.openmessaging.omsconnect.store.StoredConnector;
import io.openmessaging.omsconnect.store.TargetState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoresTest {
    @TempDir
    Path root;

    @Test
    void connectorConfigsSurviveAReopen() {
        FileConfigStore store = new FileConfigStore(root);
        store.put(new StoredConnector("a", Map.of("connector-class", "X", "file", "/tmp/in"), TargetState.PAUSED,
                List.of(Map.of("task-class", "T"))));
        store.put(new StoredConnector("b", Map.of("connector-class", "Y"), TargetState.STARTED, List.of()));
        store.remove("b");

        FileConfigStore reopened = new FileConfigStore(root);
        assertEquals(1, reopened.all().size());
        StoredConnector a = reopened.get("a").orElseThrow();
        assertEquals("/tmp/in", a.config().get("file"));
        assertEquals(TargetState.PAUSED, a.targetState());
        assertEquals("T", a.taskConfigs().get(0).get("task-class"));
    }

    @Test
    void aTempFileLeftByACrashDoesNotHideTheCommittedContent() throws Exception {
        FileConfigStore store = new FileConfigStore(root);
        store.put(new StoredConnector("a", Map.of("k", "v"), TargetState.STARTED, List.of()));
        // a crash between writing the temp file and the rename leaves a half-written temp file behind
        Files.writeString(root.resolve("connectors.json.tmp"), "{\"connectors\":[{\"na", StandardCharsets.UTF_8);
        FileConfigStore reopened = new FileConfigStore(root);
        assertEquals("v", reopened.get("a").orElseThrow().config().get("k"));
    }

    @Test
    void positionsComeBackWithTheTypesTheConnectorWrote() {
        FileOffsetStore store = new FileOffsetStore(root);
        RecordPartition p = new RecordPartition(Map.of("file", "/tmp/in"));
        Map<String, Object> offset = new HashMap<>();
        offset.put("position", 42L);
        store.commit("c", null, Map.of(p, new RecordOffset(offset)));

        FileOffsetStore reopened = new FileOffsetStore(root);
        RecordOffset back = reopened.position("c", p);
        assertEquals(42L, back.getOffset().get("position"));
        assertTrue(back.getOffset().get("position") instanceof Long);
        assertNull(reopened.position("other", p));
    }

    @Test
    void nullOffsetRemovesAPartitionAndDeleteForgetsAll() {
        FileOffsetStore store = new FileOffsetStore(root);
        RecordPartition p1 = new RecordPartition(Map.of("f", "1"));
        RecordPartition p2 = new RecordPartition(Map.of("f", "2"));
        store.commit("c", null, Map.of(p1, new RecordOffset(Map.of("o", 1L)), p2, new RecordOffset(Map.of("o", 2L))));
        Map<RecordPartition, RecordOffset> removal = new HashMap<>();
        removal.put(p1, null);
        store.commit("c", null, removal);
        assertEquals(Map.of(p2, new RecordOffset(Map.of("o", 2L))), new FileOffsetStore(root).positions("c"));
        store.delete("c");
        assertTrue(new FileOffsetStore(root).positions("c").isEmpty());
    }
}
