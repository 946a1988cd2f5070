package io.openmessaging.omsconnect.worker;

import io.openmessaging.omsconnect.herder.BadRequestException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectorConfigTest {
    @Test
    void seedDashedAndRocketMqDottedNamesAreTheSameKey() {
        ConnectorConfig dashed = new ConnectorConfig(Map.of("connector-class", "A", "max-task", "3",
                "connect-topicname", "t", "connect-topicnames", "x, y", "oms-driver-url", "oms:local://d/n"));
        ConnectorConfig dotted = new ConnectorConfig(Map.of("connector.class", "A", "max.tasks", "3",
                "connect.topicname", "t", "connect.topicnames", "x, y", "oms.driver.url", "oms:local://d/n"));
        for (ConnectorConfig c : List.of(dashed, dotted)) {
            assertEquals("A", c.connectorClass());
            assertEquals(3, c.maxTasks());
            assertEquals("t", c.topic());
            assertEquals(List.of("x", "y"), c.topics());
            assertEquals("oms:local://d/n", c.omsDriverUrl("default"));
        }
    }

    @Test
    void badMaxTasksNamesTheField() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> new ConnectorConfig(Map.of("max-task", "many")).maxTasks());
        assertEquals("max-task", e.field());
        assertThrows(BadRequestException.class, () -> new ConnectorConfig(Map.of("max.tasks", "0")).maxTasks());
    }

    @Test
    void subConfigStripsThePrefix() {
        ConnectorConfig c = new ConnectorConfig(Map.of("value.converter.schemas.enable", "false", "other", "x"));
        assertEquals(Map.of("schemas.enable", "false"), c.subConfig("value.converter."));
    }
}
