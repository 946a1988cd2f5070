package io.openmessaging.omsconnect.worker;

import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.Validator;
import io.openmessaging.omsconnect.api.config.Width;

import java.util.List;

/**
 * The keys the worker itself reads from a connector config, declared once: names (Kafka Connect's where it
 * has the key, else the seed's), the other spellings (the seed's dashed and RocketMQ Connect's dotted
 * names), types, defaults and checks. {@link ConnectorConfig} reads configs with them, validation and
 * {@code GET /connector-plugins/{plugin}/config} show them, the README's table is generated from them
 * ({@code ConnectorKeysDocTest}).
 */
public final class ConnectorKeys {
    public static final String NAME = "name";
    public static final String CONNECTOR_CLASS = "connector.class";
    public static final String TASKS_MAX = "tasks.max";
    public static final String OMS_DRIVER_URL = "oms-driver-url";
    public static final String TOPIC = "connect-topicname";
    public static final String TOPICS = "topics";
    public static final String KEY_CONVERTER = "key.converter";
    public static final String VALUE_CONVERTER = "value.converter";
    public static final String TRANSFORMS = "transforms";
    public static final String PREDICATES = "predicates";
    public static final String ERRORS_TOLERANCE = "errors.tolerance";
    public static final String ERRORS_RETRY_TIMEOUT = "errors.retry.timeout";
    public static final String ERRORS_RETRY_DELAY_MAX = "errors.retry.delay.max.ms";
    public static final String ERRORS_LOG_ENABLE = "errors.log.enable";
    public static final String ERRORS_LOG_INCLUDE_MESSAGES = "errors.log.include.messages";
    public static final String DLQ_TOPIC = "errors.deadletterqueue.topic.name";
    public static final String TASK_RESTART_ENABLE = "task-restart-enable";
    public static final String TASK_RESTART_BACKOFF = "task-restart-backoff-ms";
    public static final String TASK_RESTART_BACKOFF_MAX = "task-restart-backoff-max-ms";
    public static final String SEND_BATCH = "source-send-batch";
    public static final String SEND_ASYNC = "source-send-async";
    public static final String SINK_BATCH_SIZE = "sink-batch-size";
    public static final String SINK_COMMIT_MAX_RECORDS = "sink-commit-max-records";
    public static final String SINK_PREFETCH = "sink-prefetch";
    public static final String CONSUMER_GROUP = "consumer-group";

    private static final String COMMON = "Common";
    private static final String TRANSFORMS_GROUP = "Transforms";
    private static final String PREDICATES_GROUP = "Predicates";
    private static final String ERROR_HANDLING = "Error Handling";
    private static final String RESTARTS = "Task Restarts";
    private static final String SOURCE = "Source";
    private static final String SINK = "Sink";

    /** Keys of every connector. */
    public static final ConfigDef COMMON_KEYS = new ConfigDef()
            .define(ConfigKey.builder(NAME).validator(Validator.nonEmpty()).importance(Importance.HIGH).group(COMMON)
                    .width(Width.MEDIUM).displayName("Connector name")
                    .documentation("The connector's name, unique in the worker or cluster (POST /connectors sets it "
                            + "from the request's name).").build())
            .define(ConfigKey.builder(CONNECTOR_CLASS).aliases("connector-class").type(ConfigType.CLASS)
                    .importance(Importance.HIGH).group(COMMON).width(Width.LONG).displayName("Connector class")
                    .documentation("The connector's class (or its simple name, or an alias), as GET /connector-plugins lists it.").build())
            .define(ConfigKey.builder(TASKS_MAX).aliases("max-task", "max.tasks", "max-tasks").type(ConfigType.INT).defaultValue(1)
                    .validator(Validator.atLeast(1)).importance(Importance.HIGH).group(COMMON).width(Width.SHORT)
                    .displayName("Tasks max").documentation("The most tasks the connector may run.").build())
            .define(ConfigKey.builder(OMS_DRIVER_URL).aliases("oms.driver.url").defaultValue(null).importance(Importance.HIGH)
                    .group(COMMON).width(Width.LONG).displayName("OMS driver URL")
                    .documentation("The queue this connector's data goes through (oms:<driver>://...; ?key=value pairs go "
                            + "to the driver). Default: the worker's omsDriverUrl.").build())
            .define(ConfigKey.builder(KEY_CONVERTER).aliases("key-converter").type(ConfigType.CLASS).defaultValue("json")
                    .importance(Importance.LOW).group(COMMON).width(Width.SHORT).displayName("Key converter class")
                    .documentation("json, string, bytes or a converter class from a plugin; its own keys under key.converter. "
                            + "Kafka Connect's StringConverter, ByteArrayConverter and JsonConverter class names, and RocketMQ "
                            + "Connect's, name ours, which write the same bytes.").build())
            .define(ConfigKey.builder(VALUE_CONVERTER).aliases("source-record-converter", "sink-record-converter")
                    .type(ConfigType.CLASS).defaultValue("json").importance(Importance.LOW).group(COMMON).width(Width.SHORT)
                    .displayName("Value converter class")
                    .documentation("As key.converter; its own keys under value.converter.").build())
            .define(ConfigKey.builder(TRANSFORMS).type(ConfigType.LIST).defaultValue(List.of()).importance(Importance.LOW)
                    .group(TRANSFORMS_GROUP).width(Width.LONG).displayName("Transforms")
                    .documentation("Aliases of the transforms applied to records in order; each is configured by "
                            + "transforms.<alias>.type and its own transforms.<alias>.* keys.").build())
            .define(ConfigKey.builder(PREDICATES).type(ConfigType.LIST).defaultValue(List.of()).importance(Importance.LOW)
                    .group(PREDICATES_GROUP).width(Width.LONG).displayName("Predicates")
                    .documentation("Aliases of the predicates transforms may be conditioned on (transforms.<alias>.predicate); "
                            + "each is configured by predicates.<alias>.type and its own predicates.<alias>.* keys.").build())
            .define(ConfigKey.builder(ERRORS_RETRY_TIMEOUT).type(ConfigType.LONG).defaultValue(0L).validator(Validator.atLeast(-1))
                    .importance(Importance.MEDIUM).group(ERROR_HANDLING).width(Width.MEDIUM).displayName("Retry Timeout for Errors")
                    .documentation("How long a retriable error is retried, in milliseconds; 0 fails at once, -1 retries for ever.").build())
            .define(ConfigKey.builder(ERRORS_RETRY_DELAY_MAX).type(ConfigType.LONG).defaultValue(60_000L).validator(Validator.atLeast(0))
                    .importance(Importance.MEDIUM).group(ERROR_HANDLING).width(Width.MEDIUM)
                    .displayName("Maximum Delay Between Retries for Errors")
                    .documentation("The longest wait between two retries, in milliseconds (the backoff doubles up to it).").build())
            .define(ConfigKey.builder(ERRORS_TOLERANCE).defaultValue("none").validator(Validator.oneOf("none", "all"))
                    .importance(Importance.MEDIUM).group(ERROR_HANDLING).width(Width.SHORT).displayName("Error Tolerance")
                    .documentation("none: a failing record fails the task; all: records failing conversion or a transform "
                            + "are skipped (and go to the dead letter queue when set).").build())
            .define(ConfigKey.builder(ERRORS_LOG_ENABLE).type(ConfigType.BOOLEAN).defaultValue(false).importance(Importance.MEDIUM)
                    .group(ERROR_HANDLING).width(Width.SHORT).displayName("Log Errors")
                    .documentation("Log every tolerated failure.").dependents(ERRORS_LOG_INCLUDE_MESSAGES).build())
            .define(ConfigKey.builder(ERRORS_LOG_INCLUDE_MESSAGES).type(ConfigType.BOOLEAN).defaultValue(false)
                    .importance(Importance.MEDIUM).group(ERROR_HANDLING).width(Width.SHORT).displayName("Log Error Details")
                    .documentation("Include the failed record in the log line.").build())
            .define(ConfigKey.builder(DLQ_TOPIC).defaultValue("").importance(Importance.MEDIUM).group(ERROR_HANDLING)
                    .width(Width.MEDIUM).displayName("Dead Letter Queue Topic Name")
                    .documentation("Failed records go to this topic through the connector's driver, the failure's context in "
                            + "omsconnect-error-* headers; empty: none.").build())
            .define(ConfigKey.builder(TASK_RESTART_ENABLE).type(ConfigType.BOOLEAN).defaultValue(true).importance(Importance.LOW)
                    .group(RESTARTS).width(Width.SHORT).displayName("Restart failed tasks")
                    .documentation("A failed task restarts by itself with exponential backoff.")
                    .dependents(TASK_RESTART_BACKOFF, TASK_RESTART_BACKOFF_MAX).build())
            .define(ConfigKey.builder(TASK_RESTART_BACKOFF).type(ConfigType.LONG).defaultValue(1000L).validator(Validator.atLeast(0))
                    .importance(Importance.LOW).group(RESTARTS).width(Width.SHORT).displayName("First restart delay (ms)")
                    .documentation("The wait before the first restart of a failed task; it doubles at each failure.").build())
            .define(ConfigKey.builder(TASK_RESTART_BACKOFF_MAX).type(ConfigType.LONG).defaultValue(60_000L)
                    .validator(Validator.atLeast(0)).importance(Importance.LOW).group(RESTARTS).width(Width.SHORT)
                    .displayName("Longest restart delay (ms)")
                    .documentation("The longest wait between restarts; a task that ran this long counts its failures anew.").build());

    /** Keys of a source connector, besides the common ones. */
    private static final ConfigDef SOURCE_ONLY = new ConfigDef()
            .define(ConfigKey.builder(TOPIC).aliases("connect.topicname", "topic").defaultValue(null).importance(Importance.HIGH)
                    .group(SOURCE).width(Width.LONG).displayName("Topic")
                    .documentation("The topic records are sent to (a record's own topic extension wins).").build())
            .define(ConfigKey.builder(SEND_BATCH).type(ConfigType.BOOLEAN).defaultValue(true).importance(Importance.LOW)
                    .group(SOURCE).width(Width.SHORT).displayName("Send in batches")
                    .documentation("Send each poll() through the driver's batch sender when it has one; one batch is in "
                            + "flight while the next is polled.").build())
            .define(ConfigKey.builder(SEND_ASYNC).type(ConfigType.BOOLEAN).defaultValue(true).importance(Importance.LOW)
                    .group(SOURCE).width(Width.SHORT).displayName("Send asynchronously")
                    .documentation("With no batch sender: false sends one message at a time (for drivers that reorder "
                            + "async sends, e.g. RocketMQ's).").build());

    /** Keys of a sink connector, besides the common ones. */
    private static final ConfigDef SINK_ONLY = new ConfigDef()
            .define(ConfigKey.builder(TOPICS).aliases("connect-topicnames", "connect.topicnames").type(ConfigType.LIST)
                    .defaultValue(List.of()).importance(Importance.HIGH).group(SINK).width(Width.LONG).displayName("Topics")
                    .documentation("The topics the sink reads, comma-separated (required for a sink).").build())
            .define(ConfigKey.builder(CONSUMER_GROUP).aliases("task.group.id", "task-group-id").defaultValue(null).importance(Importance.MEDIUM).group(SINK)
                    .width(Width.MEDIUM).displayName("Consumer group")
                    .documentation("The sink's consumer group. Default: the connector's name (RocketMQ Connect's is connect-<name>: "
                            + "give it as task.group.id to share its group's position).").build())
            .define(ConfigKey.builder(SINK_BATCH_SIZE).type(ConfigType.INT).defaultValue(2000).validator(Validator.atLeast(1))
                    .importance(Importance.LOW).group(SINK).width(Width.SHORT).displayName("Records per put")
                    .documentation("The most records handed to one put().").build())
            .define(ConfigKey.builder(SINK_COMMIT_MAX_RECORDS).type(ConfigType.INT).defaultValue(500)
                    .validator(Validator.atLeast(1)).importance(Importance.LOW).group(SINK).width(Width.SHORT)
                    .displayName("Records per commit")
                    .documentation("Commit (flush, then ack) once this many records wait for their ack.").build())
            .define(ConfigKey.builder(SINK_PREFETCH).type(ConfigType.BOOLEAN).defaultValue(true).importance(Importance.LOW)
                    .group(SINK).width(Width.SHORT).displayName("Prefetch")
                    .documentation("A fetch thread per task reads up to two batches ahead while the connector writes; "
                            + "false calls the driver from the task thread.").build());

    public static final ConfigDef SOURCE_KEYS = new ConfigDef().defineAll(COMMON_KEYS).defineAll(SOURCE_ONLY);
    public static final ConfigDef SINK_KEYS = new ConfigDef().defineAll(COMMON_KEYS).defineAll(SINK_ONLY);
    /** What a config is read with: a stored config does not say which kind its connector is. */
    static final ConfigDef ALL_KEYS = new ConfigDef().defineAll(COMMON_KEYS).defineAll(SOURCE_ONLY).defineAll(SINK_ONLY);

    private ConnectorKeys() {
    }
}
