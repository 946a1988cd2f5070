package io.openmessaging.omsconnect.config;

import io.openmessaging.omsconnect.api.config.ParsedConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a worker tells at start about its config file where it does not simply do what a key says: the keys it
 * does not read (a RocketMQ Connect or Kafka Connect file holds many), and where the default driver URL came
 * from when RocketMQ Connect's {@code namesrvAddr} is given. Only key names and non-secret values are told:
 * such a file holds {@code secretKey}.
 */
public final class ConfigFileReport {
    /**
     * RocketMQ Connect's ACL keys. Apache's RocketMQ OMS driver (rocketmq-openmessaging 5.5.0) cannot take them:
     * it creates its producers and consumers without an RPC hook, and its client config has no credentials.
     */
    private static final Set<String> ROCKETMQ_ACL_KEYS = Set.of("aclEnable", "accessKey", "secretKey");

    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private ConfigFileReport() {
    }

    public static ConfigFileReport of(WorkerConfig config) {
        ConfigFileReport report = new ConfigFileReport();
        report.driverUrl(config.keys(), config.omsDriverUrl());
        report.unreadKeys(unreadKeys(config));
        return report;
    }

    /** The config file's keys that {@link WorkerKeys} does not declare, in name order. */
    public static List<String> unreadKeys(WorkerConfig config) {
        return config.raw().stringPropertyNames().stream()
                .filter(key -> WorkerKeys.DEFINITION.key(key).isEmpty())
                .sorted()
                .toList();
    }

    private void driverUrl(ParsedConfig keys, String defaultDriverUrl) {
        String nameServers = keys.getString(WorkerKeys.NAMESRV_ADDR);
        if (nameServers == null) {
            return;
        }
        if (keys.getString(WorkerKeys.OMS_DRIVER_URL) != null) {
            warnings.add(WorkerKeys.NAMESRV_ADDR + " " + nameServers + " is ignored: " + WorkerKeys.OMS_DRIVER_URL
                    + " is set and names the default queue");
        } else {
            infos.add("Default OMS driver URL " + Secrets.maskUrl(defaultDriverUrl) + ", from " + WorkerKeys.NAMESRV_ADDR);
        }
    }

    private void unreadKeys(List<String> unread) {
        if (unread.isEmpty()) {
            return;
        }
        String line = "The config file's keys " + String.join(", ", unread) + " are not worker keys: this worker does not read them";
        if (unread.stream().anyMatch(ROCKETMQ_ACL_KEYS::contains)) {
            line += "; RocketMQ ACL (aclEnable, accessKey, secretKey) is not supported: Apache's RocketMQ OMS driver "
                    + "takes no credentials";
        }
        warnings.add(line);
    }

    /** Lines to log at INFO. */
    public List<String> infos() {
        return List.copyOf(infos);
    }

    /** Lines to log at WARN, at most one for the keys not read. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
