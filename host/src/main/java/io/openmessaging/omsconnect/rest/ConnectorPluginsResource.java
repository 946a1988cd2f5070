package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.rest.entity.ConnectorPluginInfo;
import io.openmessaging.omsconnect.rest.http.Call;
import io.openmessaging.omsconnect.rest.http.HttpError;
import io.openmessaging.omsconnect.rest.http.Reply;
import io.openmessaging.omsconnect.rest.http.Router;
import io.openmessaging.omsconnect.rest.json.ConfigBody;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kafka Connect's {@code GET /connector-plugins[?connectorsOnly=false]} ({@code [{"class", "type",
 * "version"}]}; by default only source and sink connectors, else transformations and converters too) and
 * {@code GET /connector-plugins/{class}/config} (the keys the plugin declares) and
 * {@code PUT /connector-plugins/{class}/config/validate} (body: a config map → ConfigInfos).
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
        boolean connectorsOnly = call.flag("connectorsOnly", true);
        List<ConnectorPluginInfo> plugins = herder.connectorPlugins();
        return Reply.ok(connectorsOnly
                ? plugins.stream().filter(p -> CONNECTOR_TYPES.contains(p.type())).toList()
                : plugins);
    }

    private Reply config(Call call) {
        String className = call.pathParam("class");
        if (!CLASS_NAME.matcher(className).matches()) {
            throw HttpError.badRequest("class", "class must be a Java class name");
        }
        return Reply.ok(herder.pluginConfig(className));
    }

    private Reply validate(Call call) {
        String className = call.pathParam("class");
        if (!CLASS_NAME.matcher(className).matches()) {
            throw HttpError.badRequest("class", "class must be a Java class name");
        }
        Map<String, String> config = ConfigBody.from(call.jsonBody());
        for (String key : CLASS_KEYS) {
            String named = config.get(key);
            // as Kafka: the config may name the class, in full or by its simple name, but not another one
            if (named != null && !named.endsWith(className) && !className.endsWith(named)) {
                throw HttpError.badRequest(key, key + " (" + named + ") does not match the class in the path ("
                        + className + ")");
            }
        }
        return Reply.ok(herder.validateConnectorConfig(className, config));
    }
}
