package io.openmessaging.omsconnect.rest;

import com.alibaba.fastjson2.JSONObject;
import io.openmessaging.omsconnect.config.Secrets;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.herder.NotFoundException;
import io.openmessaging.omsconnect.rest.entity.ConnectorInfo;
import io.openmessaging.omsconnect.rest.entity.ConnectorOffsets;
import io.openmessaging.omsconnect.rest.entity.ConnectorTaskId;
import io.openmessaging.omsconnect.rest.http.Call;
import io.openmessaging.omsconnect.rest.http.HttpError;
import io.openmessaging.omsconnect.rest.http.Reply;
import io.openmessaging.omsconnect.rest.http.Router;
import io.openmessaging.omsconnect.rest.json.ConfigBody;
import io.openmessaging.omsconnect.rest.json.OffsetsBody;
import io.openmessaging.omsconnect.store.TargetState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kafka Connect's {@code /connectors} routes, same paths, statuses and bodies:
 * <ul>
 * <li>{@code GET /connectors[?expand=status&expand=info]}: names, or {@code {name: {"status", "info"}}}</li>
 * <li>{@code POST /connectors} {@code {"name", "config", "initial_state"?}} → 201 ConnectorInfo (409 exists)</li>
 * <li>{@code GET|DELETE /connectors/{c}} (DELETE → 204); {@code GET|PUT /connectors/{c}/config}
 * (PUT → 201 created, 200 updated); {@code PATCH /connectors/{c}/config} (KIP-477: the keys given are
 * set, a null removes one → 200 ConnectorInfo); {@code GET /connectors/{c}/status}</li>
 * <li>{@code POST /connectors/{c}/restart?includeTasks=&onlyFailed=}: 204 when both false, else 202 + status</li>
 * <li>{@code PUT /connectors/{c}/pause|resume} → 202 (a STOPPED connector may be paused),
 * {@code PUT /connectors/{c}/stop} → 204</li>
 * <li>{@code GET /connectors/{c}/tasks}, {@code GET /connectors/{c}/tasks/{t}/status},
 * {@code POST /connectors/{c}/tasks/{t}/restart} → 204</li>
 * <li>{@code GET /connectors/{c}/topics}, {@code PUT /connectors/{c}/topics/reset} (KIP-558)</li>
 * <li>{@code GET|PATCH|DELETE /connectors/{c}/offsets} (PATCH and DELETE → 200 {@code {"message"}}; 400
 * unless the connector is STOPPED)</li>
 * </ul>
 * As in Kafka, the connector's name is put into its config as {@code name}, and a different {@code name}
 * in the config is refused.
 */
final class ConnectorsResource {
    private static final Logger log = LoggerFactory.getLogger(ConnectorsResource.class);
    private static final String C = "/connectors/{connector}";

    private final Herder herder;

    ConnectorsResource(Herder herder) {
        this.herder = herder;
    }

    void register(Router router) {
        router.get("/connectors", this::list)
                .write("POST", "/connectors", this::create)
                .get(C, call -> info(connector(call)))
                .write("DELETE", C, call -> {
                    herder.deleteConnector(connector(call));
                    return Reply.noContent();
                })
                .get(C + "/config", call -> Reply.ok(herder.connectorConfig(connector(call))))
                .write("PUT", C + "/config", this::putConfig)
                .write("PATCH", C + "/config", call -> {
                    String name = connector(call);
                    return Reply.ok(herder.patchConnectorConfig(name, withName(name, ConfigBody.patch(call.jsonBody()))));
                })
                .get(C + "/status", call -> Reply.ok(herder.connectorStatus(connector(call))))
                .write("POST", C + "/restart", this::restart)
                .write("PUT", C + "/pause", call -> {
                    herder.pauseConnector(connector(call));
                    return Reply.accepted(null);
                })
                .write("PUT", C + "/resume", call -> {
                    herder.resumeConnector(connector(call));
                    return Reply.accepted(null);
                })
                .write("PUT", C + "/stop", call -> {
                    herder.stopConnector(connector(call));
                    return Reply.noContent();
                })
                .get(C + "/tasks", call -> Reply.ok(herder.taskConfigs(connector(call))))
                .get(C + "/tasks/{task}/status", call -> Reply.ok(herder.taskStatus(task(call))))
                .write("POST", C + "/tasks/{task}/restart", call -> {
                    herder.restartTask(task(call));
                    return Reply.noContent();
                })
                // KIP-558: {"<connector>": {"topics": [...]}}; a reset answers 202 with no body, as Kafka
                .get(C + "/topics", call -> {
                    String name = connector(call);
                    return Reply.ok(Map.of(name, Map.of("topics", herder.connectorTopics(name))));
                })
                .write("PUT", C + "/topics/reset", call -> {
                    herder.resetConnectorTopics(connector(call));
                    return Reply.accepted(null);
                })
                .get(C + "/offsets", call -> Reply.ok(herder.offsets(connector(call))))
                .write("PATCH", C + "/offsets", call -> {
                    String name = connector(call);
                    herder.alterOffsets(name, OffsetsBody.from(call.jsonBody()));
                    return Reply.ok(Map.of("message", "The offsets for this connector have been altered successfully"));
                })
                .write("DELETE", C + "/offsets", call -> {
                    herder.resetOffsets(connector(call));
                    return Reply.ok(Map.of("message", "The offsets for this connector have been reset successfully"));
                });
    }

    static String connector(Call call) {
        return NameRules.connector(call.pathParam("connector"));
    }

    static ConnectorTaskId task(Call call) {
        return new ConnectorTaskId(connector(call), call.intPathParam("task"));
    }

    Reply info(String connector) {
        return Reply.ok(herder.connectorInfo(connector));
    }

    private Reply list(Call call) {
        List<String> expand = call.queries("expand");
        if (expand.isEmpty()) {
            return Reply.ok(herder.connectors());
        }
        boolean status = expand.stream().anyMatch("status"::equalsIgnoreCase);
        boolean info = expand.stream().anyMatch("info"::equalsIgnoreCase);
        return Reply.ok(expanded(status, info));
    }

    /** Kafka's {@code ?expand=} answer; a connector deleted meanwhile is left out. */
    Map<String, Map<String, Object>> expanded(boolean status, boolean info) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        for (String name : herder.connectors()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            try {
                if (status) {
                    entry.put("status", herder.connectorStatus(name));
                }
                if (info) {
                    entry.put("info", herder.connectorInfo(name));
                }
            } catch (NotFoundException deletedMeanwhile) {
                continue;
            }
            result.put(name, entry);
        }
        return result;
    }

    private Reply create(Call call) {
        JSONObject body = call.jsonBody();
        if (!(body.get("name") instanceof String name)) {
            throw HttpError.badRequest("name", "'name' must be given as a string");
        }
        NameRules.connector(name);
        if (!(body.get("config") instanceof JSONObject configJson)) {
            throw HttpError.badRequest("config", "'config' must be given as a JSON object");
        }
        TargetState initialState = initialState(body.get("initial_state"));
        Map<String, String> config = withName(name, ConfigBody.from(configJson));
        ConnectorOffsets initialOffsets = initialOffsets(body.get("initial_offsets"));
        // created in its state: a PAUSED or STOPPED connector runs no task before it is resumed (KIP-980); with
        // initial_offsets its first task starts from them, whatever a connector of its name left (KIP-995)
        ConnectorInfo info = herder.createConnector(name, config, initialState, initialOffsets);
        return Reply.created(info).withHeader("Location", location(name));
    }

    /** KIP-995's {@code initial_offsets}: the PATCH offsets body ({@code {"offsets": [...]}}), or its bare list. */
    private static ConnectorOffsets initialOffsets(Object value) {
        if (value == null) {
            return null;
        }
        JSONObject body;
        if (value instanceof JSONObject object) {
            body = object;
        } else if (value instanceof com.alibaba.fastjson2.JSONArray list) {
            body = new JSONObject();
            body.put("offsets", list);
        } else {
            throw HttpError.badRequest("initial_offsets", "'initial_offsets' must be {\"offsets\": [{\"partition\", \"offset\"}]}");
        }
        try {
            return OffsetsBody.from(body);
        } catch (HttpError e) {
            throw HttpError.badRequest("initial_offsets", "initial_offsets: " + e.getMessage());
        }
    }

    private static TargetState initialState(Object value) {
        if (value == null) {
            return TargetState.STARTED;
        }
        String state = value instanceof String s ? s.toUpperCase(Locale.ROOT) : "";
        return switch (state) {
            case "RUNNING" -> TargetState.STARTED;
            case "PAUSED" -> TargetState.PAUSED;
            case "STOPPED" -> TargetState.STOPPED;
            default -> throw HttpError.badRequest("initial_state", "'initial_state' must be RUNNING, PAUSED or STOPPED");
        };
    }

    private Reply putConfig(Call call) {
        String name = connector(call);
        Map<String, String> config = withName(name, ConfigBody.from(call.jsonBody()));
        Herder.Created<ConnectorInfo> result = put(name, config, true);
        return result.created() ? Reply.created(result.value()).withHeader("Location", location(name))
                : Reply.ok(result.value());
    }

    /** The created connector's URL path; the name percent-encoded (it may hold spaces or non-ASCII letters). */
    private static String location(String name) {
        return "/connectors/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Creates or updates; shared with the seed's {@code GET /connectors/{c}?config=}. */
    Herder.Created<ConnectorInfo> put(String name, Map<String, String> config, boolean allowReplace) {
        Herder.Created<ConnectorInfo> result = herder.putConnectorConfig(name, config, allowReplace);
        if (log.isDebugEnabled()) {
            log.debug("connector {} {} with config {}", name, result.created() ? "created" : "updated",
                    Secrets.mask(config));
        }
        return result;
    }

    static Map<String, String> withName(String name, Map<String, String> config) {
        String inConfig = config.get("name");
        if (inConfig != null && !inConfig.equals(name)) {
            throw HttpError.badRequest("name", "connector name in the config (" + inConfig
                    + ") does not match the connector name (" + name + ")");
        }
        config.put("name", name);
        return config;
    }

    private Reply restart(Call call) {
        String name = connector(call);
        boolean includeTasks = call.flag("includeTasks", false);
        boolean onlyFailed = call.flag("onlyFailed", false);
        var status = herder.restartConnector(name, includeTasks, onlyFailed);
        return !includeTasks && !onlyFailed ? Reply.noContent() : Reply.accepted(status);
    }
}
