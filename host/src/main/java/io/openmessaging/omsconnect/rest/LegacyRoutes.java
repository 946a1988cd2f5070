package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.herder.NotFoundException;
import io.openmessaging.omsconnect.rest.entity.ClusterWorkerInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorStateInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.rest.entity.RocketMqPluginInfo;
import io.openmessaging.omsconnect.rest.entity.RocketMqTaskState;
import io.openmessaging.omsconnect.rest.entity.TaskInfo;
import io.openmessaging.omsconnect.rest.http.Call;
import io.openmessaging.omsconnect.rest.http.Endpoint;
import io.openmessaging.omsconnect.rest.http.HttpError;
import io.openmessaging.omsconnect.rest.http.Reply;
import io.openmessaging.omsconnect.rest.http.Router;
import io.openmessaging.omsconnect.rest.json.ConfigBody;
import io.openmessaging.omsconnect.rest.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The older dialects, kept working beside Kafka Connect's routes (registered after them; Kafka wins).
 * Changes made through them need the token like any change, although they are GETs.
 * <p>The seed's (OpenMessaging Connect runtime):
 * <ul>
 * <li>{@code GET /connectors/{c}?config={url-encoded JSON object}}: creates the connector, or replaces its
 * config, and answers 200 {@code {"status": "success", "created": bool, "connector": ConnectorInfo}};
 * without {@code config} it is Kafka's {@code GET /connectors/{c}}</li>
 * <li>{@code GET /connectors/{c}/stop}: as in the seed, removes the connector (config included);
 * Kafka's {@code PUT .../stop} is the one that keeps it. RocketMQ Connect has the route too, with another
 * answer ({@code {"status": 200, "body": "Connector [c] deleted successfully"}}): the seed's is kept, as
 * DESIGN.md fixes it, and so is {@code GET /getClusterInfo}'s bare list</li>
 * <li>{@code GET /getClusterInfo} → {@code [workerId]}; {@code GET /getConfigInfo} →
 * {@code {"connectorConfigs": {name: config}, "taskConfigs": {name: [TaskInfo]}}};
 * {@code GET /getAllocatedInfo} → what runs on this worker, same shape</li>
 * </ul>
 * RocketMQ Connect's: {@code POST /connectors/{c}} (the flat config as body: creates or replaces),
 * {@code GET /connectors/{c}/restart}, {@code GET /connectors/{c}/tasks/{t}/restart},
 * {@code GET /connectors/stop|pause|resume/all}, {@code GET /allocated/connectors} and the routes below, answered in
 * its envelope {@code {"status": 200, "body": ...}} with its texts:
 * <ul>
 * <li>{@code GET /connectors/{c}/pause|resume}: the PUTs; "Connector [c] paused|resumed successfully"</li>
 * <li>{@code GET /connectors/list}: {@code {name: {"status", "info"}}}</li>
 * <li>{@code GET /plugin/list}: every plugin class (connectors, transforms, predicates, converters) as
 * {@link RocketMqPluginInfo}</li>
 * <li>{@code GET /plugin/reload}: loads what of the plugins folder is not loaded yet, as its "reload" looks for new
 * plugins; running connectors are left alone ({@code POST /plugins/{id}/reload} reloads one plugin)</li>
 * <li>{@code GET /allocated/tasks}: this worker's tasks as its worker sorts them, {@code {"pendingTasks",
 * "runningTasks", "stoppingTasks", "stoppedTasks", "errorTasks"}}, each a list of {@link RocketMqTaskState}</li>
 * <li>{@code GET /plugin/list/connectors}: the source and sink connector classes, {@link RocketMqPluginInfo}</li>
 * <li>{@code GET /plugin/config?plugin=<class>}: the keys the class declares, as Kafka's
 * {@code GET /connector-plugins/{class}/config}; RocketMQ Connect answers "not implemented" and reads no
 * parameter, so the parameter is named after Kafka's path parameter</li>
 * <li>{@code GET /plugin/config/validate?config=<url-encoded JSON object>[&plugin=<class>]}: the flat config
 * (as its create takes it) validated as Kafka's {@code PUT /connector-plugins/{class}/config/validate} does,
 * for the plugin parameter's class or else the config's {@code connector.class}; also "not implemented"
 * there. It runs the connector's own validation, so it needs the token as that PUT does</li>
 * </ul>
 * (none of these is a Kafka Connect path). Its older {@code GET /connectors/stopAll} (removes all),
 * {@code GET /connectors/pauseAll|resumeAll} answer the seed's {@code {"status": "success"}}. Its
 * {@code /connectors/{c}/status|config} are Kafka's routes already. When a connector is really named
 * {@code list}, {@code stopAll}, {@code pauseAll} or {@code resumeAll}, {@code GET /connectors/<that name>}
 * is Kafka's connector info.
 */
final class LegacyRoutes {
    private static final String C = "/connectors/{connector}";
    private static final Map<String, String> SUCCESS = Map.of("status", "success");
    /** The query parameter naming a plugin class (Kafka's path parameter {@code {plugin}}). */
    private static final String PLUGIN = "plugin";

    private final Herder herder;
    private final ConnectorsResource connectors;
    private final ConnectorPluginsResource connectorPlugins;
    private final String workerId;

    LegacyRoutes(Herder herder, ConnectorsResource connectors, ConnectorPluginsResource connectorPlugins, String workerId) {
        this.herder = herder;
        this.connectors = connectors;
        this.connectorPlugins = connectorPlugins;
        this.workerId = workerId;
    }

    void register(Router router) {
        router.wrap("GET", C, kafka -> call -> call.query("config").isPresent() ? createFromQuery(call) : kafka.handle(call))
                .write("GET", C + "/stop", call -> {
                    herder.deleteConnector(ConnectorsResource.connector(call));
                    return Reply.ok(SUCCESS);
                })
                // RocketMQ Connect's (not the seed's): answered as there
                .write("GET", C + "/pause", call -> {
                    String name = ConnectorsResource.connector(call);
                    herder.pauseConnector(name);
                    return rocketMq("Connector [" + name + "] paused successfully");
                })
                .write("GET", C + "/resume", call -> {
                    String name = ConnectorsResource.connector(call);
                    herder.resumeConnector(name);
                    return rocketMq("Connector [" + name + "] resumed successfully");
                })
                .get("/getClusterInfo", call -> Reply.ok(herder.clusterWorkers().stream().map(ClusterWorkerInfo::id).toList()))
                .get("/getConfigInfo", call -> Reply.ok(configInfo(false)))
                .get("/getAllocatedInfo", call -> Reply.ok(configInfo(true)))
                .get("/connectors/list", unlessConnectorNamed("list", call -> rocketMq(connectors.expanded(true, true))))
                .get("/connectors/stopAll", unlessConnectorNamed("stopAll", forEachConnector(herder::deleteConnector)))
                .get("/connectors/pauseAll", unlessConnectorNamed("pauseAll", forEachConnector(this::pauseUnlessStopped)))
                .get("/connectors/resumeAll", unlessConnectorNamed("resumeAll", forEachConnector(herder::resumeConnector)))
                // RocketMQ Connect's current routes, answered in its envelope {"status", "body"}
                .write("POST", C, this::createFromBody)
                .write("GET", C + "/restart", call -> {
                    String name = ConnectorsResource.connector(call);
                    herder.restartConnector(name, false, false);
                    return rocketMq("Connector [" + name + "] restarted successfully");
                })
                .write("GET", C + "/tasks/{task}/restart", call -> {
                    ConnectorTaskId task = ConnectorsResource.task(call);
                    herder.restartTask(task);
                    return rocketMq("Task [" + task.connector() + "/ " + task.task() + "] restarted successfully");
                })
                // as there: the deleted ones are named, the paused and resumed ones counted
                .get("/connectors/stop/all", allConnectors("deleted", "deleted", List::toString, herder::deleteConnector))
                .get("/connectors/pause/all", allConnectors("paused", "suspended", names -> String.valueOf(names.size()),
                        this::pauseUnlessStopped))
                .get("/connectors/resume/all", allConnectors("resumed", "resumed", names -> String.valueOf(names.size()),
                        herder::resumeConnector))
                .get("/allocated/connectors", call -> rocketMq(configInfo(true).get("connectorConfigs")))
                .get("/allocated/tasks", call -> rocketMq(allocatedTasks()))
                .get("/plugin/list/connectors", call -> rocketMq(connectorPlugins.list(true).stream()
                        .map(RocketMqPluginInfo::of).toList()))
                .get("/plugin/config", call -> rocketMq(connectorPlugins.config(requiredQuery(call, PLUGIN), PLUGIN)))
                .write("GET", "/plugin/config/validate", this::validate)
                // every plugin class, as its PluginInfo list (connectors, transforms, predicates, converters)
                .get("/plugin/list", call -> rocketMq(connectorPlugins.list(false).stream().map(RocketMqPluginInfo::of).toList()))
                // as there, it looks for plugins not loaded yet; running connectors are left alone
                // (POST /plugins/{id}/reload reloads one plugin and restarts what uses it)
                .write("GET", "/plugin/reload", call -> {
                    herder.rescanPlugins();
                    return rocketMq("Plugin reload succeeded");
                });
    }

    private Reply createFromQuery(Call call) {
        call.authorizeWrite();
        String name = ConnectorsResource.connector(call);
        Map<String, String> config = ConnectorsResource.withName(name,
                ConfigBody.from(Json.parseObject(call.query("config").orElse(""), "query parameter 'config'")));
        Herder.Created<ConnectorInfo> result = connectors.put(name, config, true);
        Map<String, Object> answer = new LinkedHashMap<>(SUCCESS);
        answer.put("created", result.created());
        answer.put("connector", result.value());
        return Reply.ok(answer);
    }

    /**
     * RocketMQ Connect's create: {@code POST /connectors/{c}} with the flat config as the body; it creates the
     * connector or replaces its config, and answers the config it was given.
     */
    private Reply createFromBody(Call call) {
        String name = ConnectorsResource.connector(call);
        Map<String, String> config = ConnectorsResource.withName(name, ConfigBody.from(call.jsonBody()));
        connectors.put(name, config, true);
        return rocketMq(config);
    }

    /**
     * RocketMQ Connect's validation route: the class is the plugin parameter's or, without one, the one the config
     * names; a config naming another class than the parameter is refused, as by Kafka's route.
     */
    private Reply validate(Call call) {
        Map<String, String> config = ConfigBody.from(Json.parseObject(requiredQuery(call, "config"), "query parameter 'config'"));
        Optional<String> plugin = call.query(PLUGIN);
        if (plugin.isPresent()) {
            return rocketMq(connectorPlugins.validate(plugin.get(), PLUGIN, config));
        }
        String named = ConnectorPluginsResource.namedClass(config).orElseThrow(() -> HttpError.badRequest(
                "connector.class", "the config must name its connector.class, or the plugin parameter the class"));
        return rocketMq(connectorPlugins.validate(named, "connector.class", config));
    }

    private static String requiredQuery(Call call, String name) {
        return call.query(name).orElseThrow(() -> HttpError.badRequest(name, "query parameter '" + name + "' is required"));
    }

    /**
     * {@code /allocated/tasks}: the tasks on this worker, grouped as RocketMQ Connect's worker keeps them (every
     * group present, empty or not).
     */
    private Map<String, List<RocketMqTaskState>> allocatedTasks() {
        Map<String, List<RocketMqTaskState>> groups = new LinkedHashMap<>();
        for (TaskGroup group : TaskGroup.values()) {
            groups.put(group.field, new ArrayList<>());
        }
        for (String name : herder.connectors()) {
            try {
                Map<Integer, ConnectorStateInfo.TaskState> here = tasksHere(herder.connectorStatus(name));
                for (TaskInfo task : herder.taskConfigs(name)) {
                    ConnectorStateInfo.TaskState state = here.get(task.id().task());
                    if (state != null) {
                        TaskGroup group = TaskGroup.of(state.state());
                        groups.get(group.field).add(new RocketMqTaskState(name, task.config(), group.state));
                    }
                }
            } catch (NotFoundException deletedMeanwhile) {
                // left out
            }
        }
        return groups;
    }

    /**
     * Where RocketMQ Connect's worker keeps a task in each of our states, and the state it shows it in. A paused
     * task is among its working tasks there (it waits in its loop to be resumed); ours stop at once and are not
     * kept once stopped, so the stopping and stopped groups stay empty.
     */
    private enum TaskGroup {
        PENDING("pendingTasks", "PENDING"), RUNNING("runningTasks", "RUNNING"), STOPPING("stoppingTasks", "STOPPING"),
        STOPPED("stoppedTasks", "STOPPED"), ERROR("errorTasks", "ERROR");

        final String field;
        final String state;

        TaskGroup(String field, String state) {
            this.field = field;
            this.state = state;
        }

        static TaskGroup of(String ourState) {
            return switch (ourState) {
                case "RUNNING", "PAUSED" -> RUNNING;
                case "FAILED" -> ERROR;
                case "STOPPED" -> STOPPED;
                default -> PENDING; // UNASSIGNED, RESTARTING: not started yet
            };
        }
    }

    /** RocketMQ Connect's answer: {@code {"status": 200, "body": ...}}. */
    private static Reply rocketMq(Object body) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", 200);
        answer.put("body", body);
        return Reply.ok(answer);
    }

    /**
     * A bulk route of RocketMQ Connect, answered in its words: "No connector needs to be {@code action}…" when
     * there is none, else "{@code what(names)} connectors are {@code done}".
     */
    private Endpoint allConnectors(String action, String done, java.util.function.Function<List<String>, String> what,
                                   Consumer<String> act) {
        return call -> {
            call.authorizeWrite();
            List<String> names = onEveryConnector(act);
            if (names.isEmpty()) {
                return rocketMq("No connector needs to be " + action + ", please add connector first");
            }
            return rocketMq(what.apply(names) + " connectors are " + done);
        };
    }

    /** The alias, unless a connector has that name: then Kafka's {@code GET /connectors/{c}} wins. */
    private Endpoint unlessConnectorNamed(String name, Endpoint alias) {
        return call -> herder.connectors().contains(name) ? connectors.info(name) : alias.handle(call);
    }

    private Endpoint forEachConnector(Consumer<String> action) {
        return call -> {
            call.authorizeWrite();
            onEveryConnector(action);
            return Reply.ok(SUCCESS);
        };
    }

    /** Does {@code action} to every connector there is now; returns their names. */
    private List<String> onEveryConnector(Consumer<String> action) {
        List<String> names = new ArrayList<>(herder.connectors());
        for (String name : names) {
            try {
                action.accept(name);
            } catch (NotFoundException deletedMeanwhile) {
                // nothing left to do for it
            }
        }
        return names;
    }

    /** "Pause all" pauses what runs: a STOPPED connector stays stopped (pausing one would start it, paused). */
    private void pauseUnlessStopped(String connector) {
        if (!"STOPPED".equals(herder.connectorStatus(connector).connector().state())) {
            herder.pauseConnector(connector);
        }
    }

    /** The seed's config view; {@code allocatedHere}: only the connectors and tasks running on this worker. */
    private Map<String, Object> configInfo(boolean allocatedHere) {
        Map<String, Map<String, String>> connectorConfigs = new LinkedHashMap<>();
        Map<String, List<TaskInfo>> taskConfigs = new LinkedHashMap<>();
        for (String name : herder.connectors()) {
            try {
                ConnectorStateInfo status = allocatedHere ? herder.connectorStatus(name) : null;
                if (!allocatedHere || status.connector() != null && workerId.equals(status.connector().workerId())) {
                    connectorConfigs.put(name, herder.connectorConfig(name));
                }
                List<TaskInfo> tasks = new ArrayList<>(herder.taskConfigs(name));
                if (allocatedHere) {
                    Map<Integer, ConnectorStateInfo.TaskState> here = tasksHere(status);
                    tasks.removeIf(task -> !here.containsKey(task.id().task()));
                }
                if (!tasks.isEmpty()) {
                    taskConfigs.put(name, tasks);
                }
            } catch (NotFoundException deletedMeanwhile) {
                // left out
            }
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("connectorConfigs", connectorConfigs);
        info.put("taskConfigs", taskConfigs);
        return info;
    }

    /** The connector's tasks whose status names this worker, by task number. */
    private Map<Integer, ConnectorStateInfo.TaskState> tasksHere(ConnectorStateInfo status) {
        Map<Integer, ConnectorStateInfo.TaskState> here = new LinkedHashMap<>();
        if (status.tasks() != null) {
            status.tasks().stream().filter(task -> Objects.equals(workerId, task.workerId()))
                    .forEach(task -> here.put(task.id(), task));
        }
        return here;
    }
}
