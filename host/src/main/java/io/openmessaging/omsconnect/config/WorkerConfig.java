package io.openmessaging.omsconnect.config;

import io.openmessaging.omsconnect.api.config.ConfigException;
import io.openmessaging.omsconnect.api.config.ParsedConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The worker's own settings ({@code conf/connect.conf}, the seed's key names, declared in {@link WorkerKeys}). The file's
 * other keys are kept in {@link #raw()}; nothing reads them, and the worker names them at start ({@link ConfigFileReport}).
 *
 * @param workerId             this worker's id in statuses and the cluster
 * @param omsDriverUrl         default {@code oms-driver-url} for connectors that name none (from {@code namesrvAddr}
 *                             when only that is set)
 * @param httpPort             REST port (0 picks a free one)
 * @param storePathRootDir     where the standalone stores live
 * @param pluginsDir           where plugins are loaded from and installed to
 * @param pluginPaths          more plugin entries (files or folders), loaded but never changed by the worker
 * @param restBindAddress      REST bind address, loopback unless configured
 * @param restToken            when set, mutating REST calls need {@code Authorization: Bearer <token>}
 * @param pluginUploadEnabled  whether {@code POST /plugins} is allowed at all (code execution)
 * @param maxRequestBytes      largest JSON body accepted (413 beyond)
 * @param maxUploadBytes       largest plugin archive accepted (413 beyond)
 * @param offsetFlushIntervalMs how often source positions and sink offsets are committed
 * @param taskShutdownTimeoutMs how long a task may take to stop before it is abandoned
 */
public record WorkerConfig(String workerId, String omsDriverUrl, int httpPort, Path storePathRootDir, Path pluginsDir,
                           List<Path> pluginPaths, String restBindAddress, String restToken, boolean pluginUploadEnabled,
                           long maxRequestBytes, long maxUploadBytes, long offsetFlushIntervalMs,
                           long taskShutdownTimeoutMs, Properties raw) {

    public static WorkerConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return from(p, file.toAbsolutePath().getParent());
    }

    /**
     * Reads {@code p} with {@link WorkerKeys}; relative paths are resolved against {@code baseDir} (the config
     * file's folder's parent is not assumed).
     *
     * @throws ConfigException naming the first key with a bad value
     */
    public static WorkerConfig from(Properties p, Path baseDir) {
        ParsedConfig parsed = parse(p);
        Path store = resolve(baseDir, parsed.getString(WorkerKeys.STORE_PATH_ROOT_DIR));
        Path plugins = resolve(baseDir, parsed.getString(WorkerKeys.PLUGINS_DIR));
        return new WorkerConfig(
                parsed.getString(WorkerKeys.WORKER_ID),
                defaultDriverUrl(parsed, store),
                parsed.getInt(WorkerKeys.HTTP_PORT),
                store,
                plugins,
                parsed.getList(WorkerKeys.PLUGIN_PATHS).stream().map(entry -> resolve(baseDir, folderOf(entry))).toList(),
                parsed.getString(WorkerKeys.REST_BIND_ADDRESS),
                token(parsed.getString(WorkerKeys.REST_TOKEN)),
                parsed.getBoolean(WorkerKeys.PLUGIN_UPLOAD_ENABLED),
                parsed.getLong(WorkerKeys.MAX_REQUEST_BYTES),
                parsed.getLong(WorkerKeys.MAX_UPLOAD_BYTES),
                parsed.getLong(WorkerKeys.OFFSET_FLUSH_INTERVAL_MS),
                parsed.getLong(WorkerKeys.TASK_SHUTDOWN_TIMEOUT_MS),
                p);
    }

    /** omsDriverUrl; else RocketMQ Connect's namesrvAddr as a RocketMQ driver URL; else the embedded queue. */
    private static String defaultDriverUrl(ParsedConfig parsed, Path store) {
        String driver = parsed.getString(WorkerKeys.OMS_DRIVER_URL);
        if (driver != null) {
            return driver;
        }
        String nameServers = parsed.getString(WorkerKeys.NAMESRV_ADDR);
        if (nameServers != null) {
            // RocketMQ separates name servers with ';', a driver URL's access points with ','
            return "oms:rocketmq://" + nameServers.replace(';', ',').replace(" ", "") + "/default";
        }
        return "oms:local://" + store.resolve("mq") + "/default";
    }

    /** RocketMQ Connect's docs write a folder of plugins as {@code folder/*}: the folder is meant. */
    private static String folderOf(String pluginPath) {
        boolean wildcard = pluginPath.equals("*") || pluginPath.endsWith("/*") || pluginPath.endsWith("\\*");
        return wildcard ? pluginPath.substring(0, pluginPath.length() - 1) : pluginPath;
    }

    /** A token as a config file holds it: trailing spaces are a typo there, not part of the secret. */
    private static String token(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The worker's keys read from a config file's properties, checked. */
    public static ParsedConfig parse(Properties p) {
        Map<String, String> text = new HashMap<>();
        p.stringPropertyNames().forEach(k -> text.put(k, p.getProperty(k)));
        return WorkerKeys.DEFINITION.parse(text).orThrow();
    }

    /** This worker's keys, as the config file gave them (or their defaults). */
    public ParsedConfig keys() {
        return parse(raw);
    }

    private static Path resolve(Path baseDir, String value) {
        Path path = Path.of(value.trim());
        return (path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path)).normalize().toAbsolutePath();
    }

    /** True when the REST server is reachable only from this machine. */
    public boolean loopbackOnly() {
        return restBindAddress.equals("127.0.0.1") || restBindAddress.equals("localhost") || restBindAddress.equals("::1");
    }

    @Override
    public String toString() {
        return "WorkerConfig[workerId=" + workerId + ", omsDriverUrl=" + Secrets.maskUrl(omsDriverUrl) + ", httpPort=" + httpPort
                + ", storePathRootDir=" + storePathRootDir + ", pluginsDir=" + pluginsDir
                + (pluginPaths.isEmpty() ? "" : ", pluginPaths=" + pluginPaths) + ", restBindAddress="
                + restBindAddress + ", restToken=" + (restToken == null ? "none" : "******") + "]";
    }
}
