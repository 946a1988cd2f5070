package io.openmessaging.omsconnect.worker;

import io.openmessaging.KeyValue;
import io.openmessaging.connector.api.component.connector.Connector;
import io.openmessaging.connector.api.component.connector.ConnectorContext;
import io.openmessaging.connector.api.component.task.Task;
import io.openmessaging.omsconnect.plugin.LoaderSwap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One running connector instance: started with its plugin's classloader as context loader, asked for its
 * task configs, stopped. Errors it raises through its context fail it, not the worker.
 */
final class WorkerConnector {
    private static final Logger log = LoggerFactory.getLogger(WorkerConnector.class);
    /** Kafka Connect's key for the task class in a task config, so that GET …/tasks reads as there. */
    static final String TASK_CLASS = "task.class";
    /** The key stores written before 2026-12 hold it under. */
    static final String LEGACY_TASK_CLASS = "task-class";

    private final String name;
    @SuppressWarnings("rawtypes")
    private final Connector connector;
    private final ConnectorConfig config;
    private final StatusTracker statuses;
    private final Runnable onReconfigurationRequest;

    @SuppressWarnings("rawtypes")
    WorkerConnector(String name, Connector connector, ConnectorConfig config, StatusTracker statuses,
                    Runnable onReconfigurationRequest) {
        this.name = name;
        this.connector = connector;
        this.config = config;
        this.statuses = statuses;
        this.onReconfigurationRequest = onReconfigurationRequest;
    }

    ClassLoader loader() {
        return connector.getClass().getClassLoader();
    }

    /** @return true when started; false when it failed (status FAILED with the trace) */
    boolean start(boolean paused) {
        try (LoaderSwap ignored = LoaderSwap.to(loader())) {
            connector.init(new Context());
            KeyValue kv = KeyValues.of(config.asMap());
            connector.validate(kv);
            connector.start(kv);
            statuses.connector(name, Status.of(paused ? State.PAUSED : State.RUNNING));
            log.info("Connector {} started ({})", name, connector.getClass().getName());
            return true;
        } catch (Throwable t) {
            statuses.connector(name, Status.failed(t));
            log.error("Connector {} failed to start: {}", name, t.toString());
            return false;
        }
    }

    /** Task configs: each the connector's config overlaid with what the connector gave for that task. */
    List<Map<String, String>> taskConfigs(int maxTasks) {
        try (LoaderSwap ignored = LoaderSwap.to(loader())) {
            List<KeyValue> given = connector.taskConfigs(maxTasks);
            @SuppressWarnings("unchecked")
            Class<? extends Task<?>> taskClass = connector.taskClass();
            List<Map<String, String>> out = new ArrayList<>();
            int n = given == null ? 0 : Math.min(given.size(), maxTasks);
            for (int i = 0; i < n; i++) {
                Map<String, String> merged = new LinkedHashMap<>(config.asMap());
                merged.putAll(KeyValues.toMap(given.get(i)));
                merged.put(TASK_CLASS, taskClass.getName());
                out.add(merged);
            }
            return out;
        }
    }

    void stop() {
        try (LoaderSwap ignored = LoaderSwap.to(loader())) {
            connector.stop();
            log.info("Connector {} stopped", name);
        } catch (Throwable t) {
            log.warn("Connector {} failed to stop cleanly: {}", name, t.toString());
        }
    }

    private final class Context implements ConnectorContext {
        @Override
        public void requestTaskReconfiguration() {
            onReconfigurationRequest.run();
        }

        @Override
        public void raiseError(Exception e) {
            statuses.connector(name, Status.failed(e));
            log.error("Connector {} raised an error: {}", name, e.toString());
        }
    }
}
