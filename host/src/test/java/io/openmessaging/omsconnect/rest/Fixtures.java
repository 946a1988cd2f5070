package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.plugin.ComponentType;
import io.openmessaging.omsconnect.plugin.PluginComponent;
import io.openmessaging.omsconnect.plugin.PluginDescriptorInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorStateInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.rest.entity.TaskInfo;
import io.openmessaging.omsconnect.rest.entity.WorkerInfo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Entities a mocked herder answers with. */
final class Fixtures {
    static final String SOURCE = "io.openmessaging.omsconnect.file.FileSourceConnector";

    private Fixtures() {
    }

    static WorkerInfo worker() {
        return new WorkerInfo("0.1.0", "w1", "standalone", "w1", "oms:local:///tmp/mq/default");
    }

    static Map<String, String> config(String name) {
        return Map.of("name", name, "connector.class", SOURCE, "file", "/tmp/in.txt");
    }

    static ConnectorInfo info(String name) {
        return new ConnectorInfo(name, config(name), List.of(new ConnectorTaskId(name, 0)), "source");
    }

    static ConnectorStateInfo status(String name) {
        return new ConnectorStateInfo(name, new ConnectorStateInfo.ConnectorState("RUNNING", "w1", null, "1.0"),
                List.of(new ConnectorStateInfo.TaskState(0, "RUNNING", "w1", null, "1.0")), "source");
    }

    static List<TaskInfo> tasks(String name) {
        return List.of(new TaskInfo(new ConnectorTaskId(name, 0), Map.of("file", "/tmp/in.txt")));
    }

    static PluginDescriptorInfo plugin(String id) {
        ClassLoader loader = Fixtures.class.getClassLoader();
        return new PluginDescriptorInfo(id, "1.0", Path.of("/plugins-dir/" + id + ".jar"), "pf4j-jar", "STARTED",
                List.of(new PluginComponent(SOURCE, ComponentType.SOURCE, "1.0", id, null, loader),
                        new PluginComponent("io.openmessaging.local.MessagingAccessPointImpl", ComponentType.DRIVER,
                                "1.0", id, "local", loader)));
    }
}
