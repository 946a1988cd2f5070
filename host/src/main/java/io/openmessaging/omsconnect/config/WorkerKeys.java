package io.openmessaging.omsconnect.config;

import io.openmessaging.omsconnect.api.config.ConfigDef;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import io.openmessaging.omsconnect.api.config.ConfigType;
import io.openmessaging.omsconnect.api.config.Importance;
import io.openmessaging.omsconnect.api.config.Validator;
import io.openmessaging.omsconnect.api.config.Width;

/**
 * The keys of a worker's config file ({@code conf/connect.conf}, the seed's names), declared once:
 * {@link WorkerConfig} and the cluster's settings are read with them, and the README's table is generated
 * from them ({@code WorkerKeysDocTest}). A bad value stops the worker at start with the key named.
 */
public final class WorkerKeys {
    public static final String WORKER_ID = "workerId";
    public static final String HTTP_PORT = "httpPort";
    public static final String REST_BIND_ADDRESS = "restBindAddress";
    public static final String REST_TOKEN = "restToken";
    public static final String PLUGIN_UPLOAD_ENABLED = "pluginUploadEnabled";
    public static final String STORE_PATH_ROOT_DIR = "storePathRootDir";
    public static final String PLUGINS_DIR = "pluginsDir";
    public static final String PLUGIN_PATHS = "pluginPaths";
    public static final String OMS_DRIVER_URL = "omsDriverUrl";
    public static final String NAMESRV_ADDR = "namesrvAddr";
    public static final String OFFSET_FLUSH_INTERVAL_MS = "offsetFlushIntervalMs";
    public static final String TASK_SHUTDOWN_TIMEOUT_MS = "taskShutdownTimeoutMs";
    public static final String MAX_REQUEST_BYTES = "maxRequestBytes";
    public static final String MAX_UPLOAD_BYTES = "maxUploadBytes";
    public static final String MODE = "mode";
    public static final String CLUSTER_NAME = "clusterName";
    public static final String CLUSTER_MEMBERS = "clusterMembers";
    public static final String CLUSTER_LISTEN = "clusterListen";
    public static final String REST_ADVERTISED_URL = "restAdvertisedUrl";
    public static final String LEASE_MS = "leaseMs";
    public static final String CLUSTER_SECRET = "clusterSecret";

    private static final String WORKER = "Worker";
    private static final String REST = "REST";
    private static final String CLUSTER = "Cluster";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(ConfigKey.builder(WORKER_ID).defaultValue("DEFAULT_WORKER_1").validator(Validator.nonEmpty())
                    .importance(Importance.HIGH).group(WORKER).width(Width.MEDIUM).displayName("Worker id")
                    .documentation("This worker's id in statuses and in the cluster.").build())
            .define(ConfigKey.builder(OMS_DRIVER_URL).defaultValue(null).importance(Importance.HIGH).group(WORKER)
                    .width(Width.LONG).displayName("Default OMS driver URL")
                    .documentation("The queue of connectors that name none. Default: oms:rocketmq://<namesrvAddr>/default when "
                            + "namesrvAddr is set, else oms:local://<storePathRootDir>/mq/default.").build())
            .define(ConfigKey.builder(NAMESRV_ADDR).defaultValue(null).importance(Importance.MEDIUM).group(WORKER)
                    .width(Width.LONG).displayName("RocketMQ name server")
                    .documentation("RocketMQ Connect's key: its name servers, host:port[;host:port...]. Without omsDriverUrl "
                            + "the default queue is oms:rocketmq://<namesrvAddr>/default (the RocketMQ driver reads the name "
                            + "server from the URL with OMS_RMQ_DIRECT_NAME_SRV=true in the environment, which run_worker.sh "
                            + "exports); with omsDriverUrl it is ignored, with a warning.").build())
            .define(ConfigKey.builder(STORE_PATH_ROOT_DIR).defaultValue("./storeRoot/").importance(Importance.HIGH)
                    .group(WORKER).width(Width.LONG).displayName("Store folder")
                    .documentation("Connector configs, target states and source positions (files replaced atomically); "
                            + "a cluster's Raft log under raft/.").build())
            .define(ConfigKey.builder(PLUGINS_DIR).defaultValue("./plugins-dir").importance(Importance.HIGH).group(WORKER)
                    .width(Width.LONG).displayName("Plugins folder").documentation("Where plugins are loaded from and installed to.").build())
            .define(ConfigKey.builder(PLUGIN_PATHS).type(ConfigType.LIST).defaultValue(java.util.List.of())
                    .importance(Importance.MEDIUM).group(WORKER).width(Width.LONG).displayName("More plugin entries")
                    .documentation("RocketMQ Connect's key: plugin entries loaded besides pluginsDir's, comma-separated: a jar, "
                            + "zip or tar.gz file is one plugin; a folder (or folder/*) gives each entry at its top level, as "
                            + "pluginsDir does. The worker never changes them (DELETE /plugins/{id} refuses them; they reload). "
                            + "One that does not exist is shown by GET /plugins as not loaded. Relative paths are resolved "
                            + "against the config file's folder, as the other paths here (RocketMQ Connect resolves them "
                            + "against the working directory).").build())
            .define(ConfigKey.builder(OFFSET_FLUSH_INTERVAL_MS).type(ConfigType.LONG).defaultValue(1000L)
                    .validator(Validator.atLeast(1)).importance(Importance.MEDIUM).group(WORKER).width(Width.SHORT)
                    .displayName("Commit interval (ms)")
                    .documentation("How often source positions are stored and sink messages acked (a sink with nothing new "
                            + "for 200 ms commits at once).").build())
            .define(ConfigKey.builder(TASK_SHUTDOWN_TIMEOUT_MS).type(ConfigType.LONG).defaultValue(5000L)
                    .validator(Validator.atLeast(0)).importance(Importance.MEDIUM).group(WORKER).width(Width.SHORT)
                    .displayName("Task stop timeout (ms)")
                    .documentation("A task that takes longer to stop is abandoned and reported.").build())
            .define(ConfigKey.builder(MODE).defaultValue("standalone").validator(Validator.oneOf("standalone", "distributed"))
                    .importance(Importance.HIGH).group(WORKER).width(Width.SHORT).displayName("Mode")
                    .documentation("distributed: join a cluster (the Cluster keys).").dependents(CLUSTER_NAME, CLUSTER_MEMBERS,
                            CLUSTER_LISTEN, LEASE_MS, CLUSTER_SECRET).build())
            .define(ConfigKey.builder(HTTP_PORT).type(ConfigType.INT).defaultValue(8081).validator(Validator.between(0, 65535))
                    .importance(Importance.HIGH).group(REST).width(Width.SHORT).displayName("REST port")
                    .documentation("The REST API's port (0 picks a free one).").build())
            .define(ConfigKey.builder(REST_BIND_ADDRESS).defaultValue("127.0.0.1").importance(Importance.HIGH).group(REST)
                    .width(Width.MEDIUM).displayName("REST bind address")
                    .documentation("The REST API's address: loopback unless you mean it.").build())
            .define(ConfigKey.builder(REST_TOKEN).type(ConfigType.PASSWORD).defaultValue(null).importance(Importance.HIGH)
                    .group(REST).width(Width.MEDIUM).displayName("REST token")
                    .documentation("When set, every mutating REST call needs Authorization: Bearer <token>.").build())
            .define(ConfigKey.builder(PLUGIN_UPLOAD_ENABLED).type(ConfigType.BOOLEAN).defaultValue(true)
                    .importance(Importance.HIGH).group(REST).width(Width.SHORT).displayName("Plugin upload")
                    .documentation("POST /plugins at all (it is code execution: refused on a non-loopback address "
                            + "without a token).").build())
            .define(ConfigKey.builder(MAX_REQUEST_BYTES).type(ConfigType.LONG).defaultValue(1L << 20)
                    .validator(Validator.atLeast(1)).importance(Importance.LOW).group(REST).width(Width.SHORT)
                    .displayName("Largest JSON body").documentation("Larger bodies get 413.").build())
            .define(ConfigKey.builder(MAX_UPLOAD_BYTES).type(ConfigType.LONG).defaultValue(256L << 20)
                    .validator(Validator.atLeast(1)).importance(Importance.LOW).group(REST).width(Width.SHORT)
                    .displayName("Largest plugin upload").documentation("Larger archives get 413.").build())
            .define(ConfigKey.builder(REST_ADVERTISED_URL).defaultValue(null).importance(Importance.MEDIUM).group(CLUSTER)
                    .width(Width.LONG).displayName("Advertised REST URL")
                    .documentation("How other workers and users reach this worker's REST API. Default: "
                            + "http://<restBindAddress>:<httpPort>.").build())
            .define(ConfigKey.builder(CLUSTER_NAME).defaultValue("omsconnect").validator(Validator.nonEmpty())
                    .importance(Importance.HIGH).group(CLUSTER).width(Width.MEDIUM).displayName("Cluster name")
                    .documentation("Workers with the same name form one cluster (GET / shows it as kafka_cluster_id).").build())
            .define(ConfigKey.builder(CLUSTER_MEMBERS).type(ConfigType.LIST).defaultValue(java.util.List.of())
                    .importance(Importance.HIGH).group(CLUSTER).width(Width.LONG).displayName("Voting members")
                    .documentation("id@host:port of each voting member, the same list on every worker (required in "
                            + "distributed mode); a worker not in it joins as a non-voting member.").build())
            .define(ConfigKey.builder(CLUSTER_LISTEN).defaultValue(null).importance(Importance.MEDIUM).group(CLUSTER)
                    .width(Width.MEDIUM).displayName("Cluster listen address")
                    .documentation("host:port of this worker's cluster transport. Default: its entry in clusterMembers.").build())
            .define(ConfigKey.builder(LEASE_MS).type(ConfigType.LONG).defaultValue(2000L).validator(Validator.atLeast(500))
                    .importance(Importance.MEDIUM).group(CLUSTER).width(Width.SHORT).displayName("Lease (ms)")
                    .documentation("A worker that could not renew its lease for this long has its tasks given to others; "
                            + "it stops them itself sooner.").build())
            .define(ConfigKey.builder(CLUSTER_SECRET).type(ConfigType.PASSWORD).defaultValue(null).importance(Importance.HIGH)
                    .group(CLUSTER).width(Width.MEDIUM).displayName("Cluster secret")
                    .documentation("The same on every worker: the cluster transport is encrypted with a key derived from it, "
                            + "so a process without it can neither join, nor read the log, nor append to it. Required when "
                            + "the cluster transport listens beyond loopback.").build());

    private WorkerKeys() {
    }
}
