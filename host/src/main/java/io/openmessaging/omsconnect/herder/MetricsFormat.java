package io.openmessaging.omsconnect.herder;

import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.worker.State;
import io.openmessaging.omsconnect.worker.StatusTracker;
import io.openmessaging.omsconnect.worker.TaskMetrics;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Renders task counters and states in the Prometheus text exposition format (version 0.0.4). */
final class MetricsFormat {
    private MetricsFormat() {
    }

    static String prometheus(Map<ConnectorTaskId, TaskMetrics> tasks, StatusTracker statuses, List<String> connectors) {
        StringBuilder b = new StringBuilder(1024);
        counter(b, tasks, "omsconnect_task_records_polled_total", "Records polled from source tasks or pulled for sink tasks", m -> m.recordsPolled.sum());
        counter(b, tasks, "omsconnect_task_records_sent_total", "Records a source task sent and the driver acknowledged", m -> m.recordsSent.sum());
        counter(b, tasks, "omsconnect_task_records_put_total", "Records handed to a sink task's put()", m -> m.recordsPut.sum());
        counter(b, tasks, "omsconnect_task_records_filtered_total", "Records dropped by transforms", m -> m.recordsFiltered.sum());
        counter(b, tasks, "omsconnect_task_errors_total", "Record errors met by a task", m -> m.errors.sum());
        counter(b, tasks, "omsconnect_task_retries_total", "Retries of failed operations", m -> m.retries.sum());
        counter(b, tasks, "omsconnect_task_commit_errors_total", "Throws from a source connector's commit callbacks, logged and passed over", m -> m.commitErrors.sum());
        counter(b, tasks, "omsconnect_task_dlq_records_total", "Records sent to the dead letter queue", m -> m.deadLettered.sum());
        b.append("# HELP omsconnect_task_last_commit_timestamp_seconds Time of the task's last commit\n");
        b.append("# TYPE omsconnect_task_last_commit_timestamp_seconds gauge\n");
        tasks.forEach((id, m) -> line(b, "omsconnect_task_last_commit_timestamp_seconds", id,
                String.valueOf(m.lastCommitMillis.get() / 1000.0)));
        b.append("# HELP omsconnect_connector_state Current state of each connector (1 for the state it is in)\n");
        b.append("# TYPE omsconnect_connector_state gauge\n");
        for (String c : connectors) {
            State s = statuses.connector(c).state();
            b.append("omsconnect_connector_state{connector=\"").append(escape(c)).append("\",state=\"")
                    .append(s.name()).append("\"} 1\n");
        }
        return b.toString();
    }

    private static void counter(StringBuilder b, Map<ConnectorTaskId, TaskMetrics> tasks, String name, String help,
                                Function<TaskMetrics, Long> value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" counter\n");
        tasks.forEach((id, m) -> line(b, name, id, String.valueOf(value.apply(m))));
    }

    private static void line(StringBuilder b, String name, ConnectorTaskId id, String value) {
        b.append(name).append("{connector=\"").append(escape(id.connector())).append("\",task=\"").append(id.task())
                .append("\"} ").append(value).append('\n');
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
