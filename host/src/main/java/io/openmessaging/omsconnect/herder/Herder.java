package io.openmessaging.omsconnect.herder;

import io.openmessaging.omsconnect.driver.DriverInfo;
import io.openmessaging.omsconnect.logging.LogLevels;
import io.openmessaging.omsconnect.plugin.NotLoadedPlugin;
import io.openmessaging.omsconnect.plugin.PluginDescriptorInfo;
import io.openmessaging.omsconnect.rest.entity.ClusterWorkerInfo;
import io.openmessaging.omsconnect.rest.entity.ConfigInfos;
import io.openmessaging.omsconnect.rest.entity.ConnectorInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorOffsets;
import io.openmessaging.omsconnect.rest.entity.ConnectorPluginInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorStateInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.rest.entity.TaskInfo;
import io.openmessaging.omsconnect.rest.entity.WorkerInfo;
import io.openmessaging.omsconnect.store.TargetState;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Decides what runs on the worker: the one entry point of the REST layer (as Kafka Connect's Herder).
 * Every method is synchronous and thread-safe. Errors are typed: {@link NotFoundException},
 * {@link AlreadyExistsException}, {@link BadRequestException} (names the field), {@link ConflictException}.
 * Config maps are returned with secrets masked.
 */
public interface Herder {

    WorkerInfo workerInfo();

    List<String> connectors();

    /** The live workers of the cluster (a standalone worker: itself), and what runs on each. */
    List<ClusterWorkerInfo> clusterWorkers();

    /** The voting members of the cluster (a standalone worker: itself). */
    List<String> clusterVoters();

    /**
     * Makes a live worker of the cluster a voting member, at run time and for good (the change is in the log).
     *
     * @return the voting members with it
     * @throws BadRequestException standalone, or no live worker of that id
     * @throws ConflictException   when it votes already
     */
    List<String> addClusterVoter(String workerId);

    /**
     * Takes a voting member out; it may go on as a non-voting member.
     *
     * @return the voting members left
     * @throws NotFoundException   when it does not vote
     * @throws BadRequestException standalone, or it is the last voting member
     */
    List<String> removeClusterVoter(String workerId);

    ConnectorInfo connectorInfo(String connector);

    Map<String, String> connectorConfig(String connector);

    /**
     * Creates a connector, or replaces its config when {@code allowReplace}. Validates the name, the
     * class and the config first; nothing is persisted unless valid.
     *
     * @return the connector and whether it was created (false: updated)
     */
    Created<ConnectorInfo> putConnectorConfig(String connector, Map<String, String> config, boolean allowReplace);

    /**
     * Creates a connector in {@code initialState} (KIP-980): a PAUSED or STOPPED one starts no task
     * before it is resumed.
     *
     * @throws AlreadyExistsException when it exists
     */
    ConnectorInfo createConnector(String connector, Map<String, String> config, TargetState initialState,
                                  ConnectorOffsets initialOffsets);

    /**
     * Changes some keys of a connector's config (KIP-477): a null value removes the key. As a PUT of the
     * merged config, validated as a whole.
     */
    ConnectorInfo patchConnectorConfig(String connector, Map<String, String> patch);

    void deleteConnector(String connector);

    ConnectorStateInfo connectorStatus(String connector);

    List<TaskInfo> taskConfigs(String connector);

    ConnectorStateInfo.TaskState taskStatus(ConnectorTaskId task);

    void pauseConnector(String connector);

    void resumeConnector(String connector);

    /** Stops the connector and its tasks but keeps its config (Kafka Connect's STOPPED). */
    void stopConnector(String connector);

    /** @return the status after the restart was requested */
    ConnectorStateInfo restartConnector(String connector, boolean includeTasks, boolean onlyFailed);

    void restartTask(ConnectorTaskId task);

    ConnectorOffsets offsets(String connector);

    /** Only while the connector is STOPPED ({@link ConflictException} otherwise). */
    void alterOffsets(String connector, ConnectorOffsets offsets);

    /** Only while the connector is STOPPED ({@link ConflictException} otherwise). */
    void resetOffsets(String connector);

    ConfigInfos validateConnectorConfig(String connectorClass, Map<String, String> config);

    /**
     * The topics the connector's tasks produced to or consumed from since it was created or its topics were
     * last reset (KIP-558), on any worker.
     *
     * @throws NotFoundException when there is no such connector
     */
    java.util.SortedSet<String> connectorTopics(String connector);

    /** Forgets the connector's topics; its tasks report the ones they use from now on. */
    void resetConnectorTopics(String connector);

    List<ConnectorPluginInfo> connectorPlugins();

    /**
     * The config keys a plugin class (connector, transform, predicate, converter; by name or alias) declares,
     * as Kafka Connect's {@code GET /connector-plugins/{plugin}/config}; empty when it declares none.
     *
     * @throws NotFoundException when no loaded plugin offers it
     */
    List<ConfigInfos.ConfigKeyInfo> pluginConfig(String pluginClass);

    List<PluginDescriptorInfo> plugins();

    /** The entries of this worker's {@code pluginsDir} and pluginPaths that are not loaded, each with why. */
    List<NotLoadedPlugin> notLoadedPlugins();

    PluginDescriptorInfo plugin(String pluginId);

    PluginDescriptorInfo installPlugin(String fileName, InputStream archive);

    /**
     * Refused with {@link ConflictException} while connectors or drivers use it, unless {@code force}; a plugin of
     * pluginPaths is never deleted (a {@code PluginException} CONFLICT).
     */
    void uninstallPlugin(String pluginId, boolean force);

    PluginDescriptorInfo reloadPlugin(String pluginId);

    /** Loads what of this worker's {@code pluginsDir} and pluginPaths is not loaded yet (see {@code PluginHost#rescan}). */
    List<PluginDescriptorInfo> rescanPlugins();

    List<DriverInfo> drivers();

    /** Metrics in Prometheus text exposition format. */
    String metrics();

    /** This worker's log levels (Kafka's {@code /admin/loggers}, worker scope). */
    LogLevels logLevels();

    /**
     * Sets a log level on every worker of the cluster (KIP-976 {@code scope=cluster}), on this one when
     * standalone; workers that start later keep their configured levels.
     *
     * @throws IllegalArgumentException when {@code level} is no log level ({@link LogLevels#parse})
     */
    void setClusterLogLevel(String namespace, String level);

    /** A value and whether it was newly created. */
    record Created<T>(T value, boolean created) {
    }
}
