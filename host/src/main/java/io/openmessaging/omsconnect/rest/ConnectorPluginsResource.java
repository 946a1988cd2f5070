package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.rest.entity.ConfigInfos;
import io.openmessaging.omsconnect.rest.entity.ConnectorPluginInfo;
import io.openmessaging.omsconnect.rest.http.Call;
import io.openmessaging.omsconnect.rest.http.HttpError;
import io.openmessaging.omsconnect.rest.http.Reply;
import io.openmessaging.omsconnect.rest.http.Router;
import io.openmessaging.omsconnect.rest.json.ConfigBody;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kafka Connect's {@code GET /connector-plugins[?connectorsOnly=false]} ({@code [{"class", "type",
 * "version"}]}; by default only source and sink connectors, else transformations and converters too) and
 * {@code GET /connector-plugins/{class}/config} (the keys the plugin declares) and
 * {@code PUT /connector-plugins/{class}/config/validate} (body: a config map → ConfigInfos). RocketMQ Connect's
 * {@code /plugin/list/connectors}, {@code /plugin/config} and {@code /plugin/config/validate} ({@link LegacyRoutes})
 * answer through the same methods.
 */
final class ConnectorPluginsResource {
    private static final Set<String> CONNECTOR_TYPES = Set.of("source", "sink");
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}\\p{N}_$.-]{1,500}");
    private static final List<String> CLASS_KEYS = List.of("connector.class", "connector-class");

    private final Herder herder;

    ConnectorPluginsResource(Herder herder) {
        this.herder = herder;
    }

    void register(Router router) {
        router.get("/connector-plugins", this::list)
                .get("/connector-plugins/{class}/config", this::config)
                // validation runs the connector's own code, so it counts as a change (token needed)
                .write("PUT", "/connector-plugins/{class}/config/validate", this::validate);
    }

    private Reply list(Call call) {
        return Reply.ok(list(call.flag("connectorsOnly", true)));
    }

    /** What {@code GET /connector-plugins} lists: source and sink connectors only, or every plugin class. */
    List<ConnectorPluginInfo> list(boolean connectorsOnly) {
        List<ConnectorPluginInfo> plugins = herder.connectorPlugins();
        return connectorsOnly ? plugins.stream().filter(p -> CONNECTOR_TYPES.contains(p.type())).toList() : plugins;
    }

    private Reply config(Call call) {
        return Reply.ok(config(call.pathParam("class"), "class"));
    }

    /**
     * The keys a plugin class declares.
     *
     * @param field where the request gave the class (a path or query parameter), named by a 400
     */
    List<ConfigInfos.ConfigKeyInfo> config(String className, String field) {
        checkClassName(className, field);
        return herder.pluginConfig(className);
    }

    private Reply validate(Call call) {
        return Reply.ok(validate(call.pathParam("class"), "class", ConfigBody.from(call.jsonBody())));
    }

    /**
     * Validates {@code config} as a config of {@code className}, which the config may name too, but no other.
     *
     * @param field where the request gave the class, named by a 400
     */
    ConfigInfos validate(String className, String field, Map<String, String> config) {
        checkClassName(className, field);
        for (String key : CLASS_KEYS) {
            String named = config.get(key);
            // as Kafka: the config may name the class, in full or by its simple name, but not another one
            if (named != null && !named.endsWith(className) && !className.endsWith(named)) {
                throw HttpError.badRequest(key, key + " (" + named + ") does not match the " + field + " parameter ("
                        + className + ")");
            }
        }
        return herder.validateConnectorConfig(className, config);
    }

    /** The connector class a config names under one of its spellings, if any. */
    static Optional<String> namedClass(Map<String, String> config) {
        return CLASS_KEYS.stream().map(config::get).filter(Objects::nonNull).findFirst();
    }

    private static void checkClassName(String className, String field) {
        if (!CLASS_NAME.matcher(className).matches()) {
            throw HttpError.badRequest(field, field + " must be a Java class name");
        }
    }
}
