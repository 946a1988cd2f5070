package io.openmessaging.omsconnect.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The worker's own settings ({@code conf/connect.conf}, the seed's key names). Unknown keys are kept
 * in {@link #raw()} so drivers and stores can read their own.
 *
 * @param workerId             this worker's id in statuses and the cluster
 * @param omsDriverUrl         default {@code oms-driver-url} for connectors that name none
 * @param httpPort             REST port (0 picks a free one)
 * @param storePathRootDir     where the standalone stores live
 * @param pluginsDir           where plugins are loaded from and installed to
 * @param restBindAddress      REST bind address, loopback unless configured
 * @param restToken            when set, mutating REST calls need {@code Authorization: Bearer <token>}
 * @param pluginUploadEnabled  whether {@code POST /plugins} is allowed at all (code execution)
 * @param maxRequestBytes      largest JSON body accepted (413 beyond)
 * @param maxUploadBytes       largest plugin archive accepted (413 beyond)
 * @param offsetFlushIntervalMs how often source positions and sink offsets are committed
 * @param taskShutdownTimeoutMs how long a task may take to stop before it is abandoned
 */
public record WorkerConfig(String workerId, String omsDriverUrl, int httpPort, Path storePathRootDir, Path pluginsDir,
                           String restBindAddress, String restToken, boolean pluginUploadEnabled,
                           long maxRequestBytes, long maxUploadBytes, long offsetFlushIntervalMs,
                           long taskShutdownTimeoutMs, Properties raw) {

    public static WorkerConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return from(p, file.toAbsolutePath().getParent());
    }

    /** Relative paths are resolved against {@code baseDir} (the config file's folder's parent is not assumed). */
    public static WorkerConfig from(Properties p, Path baseDir) {
        Path store = resolve(baseDir, p.getProperty("storePathRootDir", "./storeRoot/"));
        Path plugins = resolve(baseDir, p.getProperty("pluginsDir", "./plugins-dir"));
        String driver = p.getProperty("omsDriverUrl", "oms:local://" + store.resolve("mq") + "/default");
        String token = blankToNull(p.getProperty("restToken"));
        return new WorkerConfig(
                p.getProperty("workerId", "DEFAULT_WORKER_1"),
                driver,
                Integer.parseInt(p.getProperty("httpPort", "8081").trim()),
                store,
                plugins,
                p.getProperty("restBindAddress", "127.0.0.1"),
                token,
                Boolean.parseBoolean(p.getProperty("pluginUploadEnabled", "true")),
                Long.parseLong(p.getProperty("maxRequestBytes", String.valueOf(1L << 20)).trim()),
                Long.parseLong(p.getProperty("maxUploadBytes", String.valueOf(256L << 20)).trim()),
                Long.parseLong(p.getProperty("offsetFlushIntervalMs", "1000").trim()),
                Long.parseLong(p.getProperty("taskShutdownTimeoutMs", "5000").trim()),
                p);
    }

    private static Path resolve(Path baseDir, String value) {
        Path path = Path.of(value.trim());
        return (path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path)).normalize().toAbsolutePath();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** True when the REST server is reachable only from this machine. */
    public boolean loopbackOnly() {
        return restBindAddress.equals("127.0.0.1") || restBindAddress.equals("localhost") || restBindAddress.equals("::1");
    }

    @Override
    public String toString() {
        return "WorkerConfig[workerId=" + workerId + ", omsDriverUrl=" + omsDriverUrl + ", httpPort=" + httpPort
                + ", storePathRootDir=" + storePathRootDir + ", pluginsDir=" + pluginsDir + ", restBindAddress="
                + restBindAddress + ", restToken=" + (restToken == null ? "none" : "******") + "]";
    }
}
